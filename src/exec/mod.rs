//! Engines that run patterns over graphs.
//!
//! * [`naive`] — a deliberately simple brute-force matcher, the oracle every other engine is
//!   tested against: embeddings by plain backtracking, automorphisms by trying every permutation.

pub(crate) mod clique;
pub mod cpu;
pub(crate) mod formulas;
pub mod gpu;
pub mod interrupt;
pub mod naive;
pub(crate) mod pivot;
pub mod setops;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;

/// Below this many edges, counts that take a fraction of a millisecond run on the calling
/// thread: handing work to the pool and back costs more (ca-GrQc, 14,484 edges, triangles, whole
/// compute: 0.73 ms on one thread, 1.06 ms on two).
pub(crate) const PARALLEL_FROM_EDGES: usize = 50_000;

/// Which start (root) vertices an engine explores: every vertex, or the shard of one worker of
/// a distributed run ([`crate::dist`]). Engines test it once per root in their outermost loop,
/// so the shards of all workers together do exactly the work of one whole run.
#[derive(Clone, Copy)]
pub enum Roots<'a> {
    /// Every vertex (a single-process run).
    All,
    /// The vertices for which the function returns `true`.
    Only(&'a (dyn Fn(u32) -> bool + Sync)),
}

impl Roots<'_> {
    /// Whether the engine should explore from `v`.
    #[inline]
    pub fn contains(&self, v: u32) -> bool {
        match self {
            Roots::All => true,
            Roots::Only(keep) => keep(v),
        }
    }
}

/// How the workers of a run combine an intermediate result that each of them needs whole (the
/// orbit equations' per-edge preparation): every worker computes the part of its [`Roots`] and
/// receives every worker's part. A distributed run exchanges them ([`crate::dist`]); a single
/// process is [`Alone`].
pub(crate) trait Share {
    /// Every worker's `mine`, in worker order, on every worker; an error of any worker on all
    /// of them (so that no worker waits for a part that will never come).
    fn all_gather<T: Serialize + DeserializeOwned>(
        &mut self,
        what: &str,
        mine: Result<T>,
    ) -> Result<Vec<T>>;
}

/// The [`Share`] of a single-process run: its own part is the whole.
pub(crate) struct Alone;

impl Share for Alone {
    fn all_gather<T: Serialize + DeserializeOwned>(
        &mut self,
        _what: &str,
        mine: Result<T>,
    ) -> Result<Vec<T>> {
        mine.map(|part| vec![part])
    }
}

/// With one engine thread (`--threads 1`), makes the calling thread run the engines' parallel
/// loops itself, as the only thread of a rayon pool of its own, rather than hand each loop to
/// the global pool's one thread and sleep until it is done (two thread wake-ups per loop).
/// Once per thread; does nothing with more engine threads or on a pool's thread.
pub fn compute_on_this_thread() {
    if rayon::current_num_threads() == 1 && rayon::current_thread_index().is_none() {
        // The pool is never dropped: the thread stays in it. Building fails only when the
        // thread is in a pool already, and it then computes there.
        if let Ok(pool) = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .use_current_thread()
            .build()
        {
            std::mem::forget(pool);
        }
    }
}
