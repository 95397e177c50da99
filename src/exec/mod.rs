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
