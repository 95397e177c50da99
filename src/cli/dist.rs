//! The cluster flags shared by `count`, `cliques`, `motifs`, `orbits` and `fsm`, and what a
//! distributed run prints (see [`crate::dist`]).

use std::cell::Cell;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::seconds_of;
use crate::dist::jobs::Led;
use crate::dist::run::{self, Closing, Runtime};
use crate::dist::Cluster;
use crate::error::Result;

/// `--workers W --processes P --process I --hosts FILE`, timely's conventions, and
/// `--connect-timeout SECONDS`. Any of them makes the run distributed (defaults: 1 worker,
/// 1 process, process 0, `localhost:2101+i`, 120 s).
#[derive(Args, Debug)]
pub(crate) struct ClusterArgs {
    /// Distributed run: worker threads in this process (timely workers; each explores its
    /// shard of root vertices on the --threads pool, or with --threads 1 on its own thread).
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
    /// Distributed run: how long to wait for the other processes to come up before failing
    /// (default: 120).
    #[arg(long, value_name = "SECONDS")]
    connect_timeout: Option<f64>,
}

impl ClusterArgs {
    /// Whether any cluster flag was given (the run is distributed).
    pub(crate) fn given(&self) -> bool {
        self.workers.is_some()
            || self.processes.is_some()
            || self.process.is_some()
            || self.hosts.is_some()
            || self.connect_timeout.is_some()
    }

    /// For a distributed run, this process's runtime, started now so that connecting to the
    /// peers overlaps loading the graph: call it after the arguments are checked and before
    /// loading. `None` for an ordinary run.
    pub(crate) fn start(&self) -> Result<Option<Runtime>> {
        if !self.given() {
            return Ok(None);
        }
        let mut cluster = Cluster::new(
            self.workers.unwrap_or(1),
            self.processes.unwrap_or(1),
            self.process.unwrap_or(0),
            self.hosts.as_deref(),
        )?;
        if let Some(seconds) = self.connect_timeout {
            cluster = cluster.with_connect_timeout(seconds_of("--connect-timeout", seconds)?);
        }
        Runtime::start(cluster).map(Some)
    }
}

/// Runs `load` (reading the graph); when it fails in a distributed run, the peers are handed
/// the error ([`Runtime::fail`]) before it is returned.
pub(crate) fn load_with<T>(
    runtime: &mut Option<Runtime>,
    load: impl FnOnce() -> Result<T>,
) -> Result<T> {
    load().inspect_err(|e| {
        if let Some(runtime) = runtime.take() {
            runtime.fail(e);
        }
    })
}

/// The result on process 0, after printing the exchange rounds on stderr; `None` on the
/// other processes, which print nothing. The rest of the run shuts down while the command
/// prints the result; [`wait_for_shutdown`] waits for it.
pub(crate) fn lead<T>(led: Led<T>) -> Option<T> {
    led.map(|finished| {
        run::report(&finished.rounds);
        ENDING.set(Some((finished.waited, finished.closing)));
        finished.value
    })
}

thread_local! {
    /// How long the distributed run whose result this thread printed waited for its peers
    /// at the start, and its shutdown (its first worker runs on this thread).
    static ENDING: Cell<Option<(Duration, Closing)>> = const { Cell::new(None) };
}

/// How a distributed run's time outside its job splits, for `--time`.
pub(crate) struct Waits {
    /// Waiting at the start for the other processes to connect and to load the graph.
    pub(crate) peers: Duration,
    /// The shutdown after the result.
    pub(crate) shutdown: Duration,
}

/// Waits for the shutdown of the distributed run whose result [`lead`] returned, if any, and
/// returns how long the run waited for its peers and for that.
pub(crate) fn wait_for_shutdown() -> Option<Waits> {
    ENDING.take().map(|(peers, closing)| Waits {
        peers,
        shutdown: closing.wait(),
    })
}
