//! The cluster flags shared by `count`, `cliques`, `motifs`, `orbits` and `fsm`, and what a
//! distributed run prints (see [`crate::dist`]).

use std::path::PathBuf;

use clap::Args;

use crate::dist::jobs::Led;
use crate::dist::{run, Cluster};
use crate::error::Result;

/// `--workers W --processes P --process I --hosts FILE`, timely's conventions. Any of them
/// makes the run distributed (defaults: 1 worker, 1 process, process 0, `localhost:2101+i`).
#[derive(Args, Debug)]
pub(crate) struct ClusterArgs {
    /// Distributed run: worker threads in this process (timely workers; each explores its
    /// shard of root vertices on the --threads pool).
    #[arg(long, value_name = "W")]
    workers: Option<usize>,
    /// Distributed run: number of processes (each started with the same arguments but
    /// --process; every process loads the graph).
    #[arg(long, value_name = "P")]
    processes: Option<usize>,
    /// Distributed run: this process's index, 0..P; only process 0 prints the result.
    #[arg(long, value_name = "I")]
    process: Option<usize>,
    /// Distributed run: file with one `host:port` line per process, in process order
    /// (default: localhost:2101, localhost:2102, …).
    #[arg(long, value_name = "FILE")]
    hosts: Option<PathBuf>,
}

impl ClusterArgs {
    /// The cluster when any flag was given, `None` for an ordinary run.
    pub(crate) fn cluster(&self) -> Result<Option<Cluster>> {
        if self.workers.is_none()
            && self.processes.is_none()
            && self.process.is_none()
            && self.hosts.is_none()
        {
            return Ok(None);
        }
        Cluster::new(
            self.workers.unwrap_or(1),
            self.processes.unwrap_or(1),
            self.process.unwrap_or(0),
            self.hosts.as_deref(),
        )
        .map(Some)
    }
}

/// The result on process 0, after printing the exchange rounds on stderr; `None` on the
/// other processes, which print nothing.
pub(crate) fn lead<T>(led: Led<T>) -> Option<T> {
    led.map(|(value, rounds)| {
        run::report(&rounds);
        value
    })
}
