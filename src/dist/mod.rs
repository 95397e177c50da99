//! Distributed runs: `count`, `cliques`, `motifs`, `orbits` and `fsm` across worker threads and
//! processes on timely-dataflow (see `docs/distributed.md` for the design and its costs).
//!
//! Every process loads (memory-maps) the whole graph while it connects to its peers and starts
//! its workers ([`run::Runtime`]); the root vertices are split among all workers in
//! cost-balanced chunks ([`shard`]); each worker runs the ordinary engine on its shard through
//! the engines' [`crate::exec::Roots`] hook, and the partial results travel through a timely
//! exchange to be summed, gathered or merged ([`run`]). Only process 0 prints
//! the result; the others print nothing and exit 0. A lost peer fails every process with exit
//! code 2 and no partial result, and so does a process that fails before its job (its reason
//! reaches every process).
//!
//! The cluster follows timely's conventions: `W` workers per process, `P` processes numbered
//! `0..P`, and a host file whose line `i` is the `host:port` process `i` listens on (default
//! `localhost:2101+i`).

pub mod jobs;
pub mod run;
pub mod shard;

use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};

/// Where one process stands in a distributed run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Worker threads in each process (at least 1).
    workers: usize,
    /// This process's index in `0..addresses.len()`.
    process: usize,
    /// `host:port` of every process, in process order (one entry for a single process).
    addresses: Vec<String>,
    /// How long this process waits for its peers to come up.
    connect_timeout: Duration,
}

/// First port of the default addresses, as in timely.
const DEFAULT_PORT: usize = 2101;

/// How long a process waits for its peers to come up unless told otherwise: long enough for
/// processes started by hand or by a batch system at somewhat different times.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(120);

impl Cluster {
    /// A cluster of `processes` processes with `workers` workers each, this one being number
    /// `process`, listening on the lines of `hosts` (or `localhost:2101+i`), waiting
    /// [`DEFAULT_CONNECT_TIMEOUT`] for its peers.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for zero workers or processes, a process index out of range,
    /// or a host file whose line count differs from `processes`; [`Error::Io`] for an
    /// unreadable host file.
    pub fn new(
        workers: usize,
        processes: usize,
        process: usize,
        hosts: Option<&Path>,
    ) -> Result<Cluster> {
        if workers == 0 || processes == 0 {
            return Err(Error::InvalidArgument(
                "--workers and --processes must be at least 1".into(),
            ));
        }
        if process >= processes {
            return Err(Error::InvalidArgument(format!(
                "--process {process} is out of range: processes are numbered 0..{processes}"
            )));
        }
        let addresses = match hosts {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                let lines: Vec<String> = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(String::from)
                    .collect();
                if lines.len() != processes {
                    return Err(Error::invalid_file(
                        path,
                        format!(
                            "{} host lines for {processes} processes (one `host:port` line per \
                             process, in process order)",
                            lines.len()
                        ),
                    ));
                }
                lines
            }
            None => (0..processes)
                .map(|i| format!("localhost:{}", DEFAULT_PORT + i))
                .collect(),
        };
        Ok(Cluster {
            workers,
            process,
            addresses,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
        })
    }

    /// The same cluster, waiting `timeout` for its peers to come up.
    pub fn with_connect_timeout(self, timeout: Duration) -> Cluster {
        Cluster {
            connect_timeout: timeout,
            ..self
        }
    }

    /// How long this process waits for its peers to come up.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// Worker threads per process.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Number of processes.
    pub fn processes(&self) -> usize {
        self.addresses.len()
    }

    /// This process's index.
    pub fn process(&self) -> usize {
        self.process
    }

    /// Whether this process prints the result (process 0).
    pub fn is_leader(&self) -> bool {
        self.process == 0
    }

    /// Every worker of the run.
    pub fn total_workers(&self) -> usize {
        self.workers * self.processes()
    }

    /// The process that runs global worker `w` (timely numbers workers process by process).
    pub fn process_of(&self, worker: usize) -> usize {
        worker / self.workers
    }

    pub(crate) fn addresses(&self) -> &[String] {
        &self.addresses
    }
}
