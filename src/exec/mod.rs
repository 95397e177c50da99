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
