//! Per-vertex and per-edge structural features for machine learning on graphs.
//!
//! * [`orbits`] — graphlet orbit counts (graphlet degree vectors) for graphlets on up to 5
//!   vertices, per vertex and per edge, with ORCA's orbit numbering.
//! * [`substructure`] — counts of any user patterns per vertex or edge, split by the orbit
//!   the vertex or edge plays (Graph Substructure Networks' structural identifiers).
//! * [`naive`] — a brute-force orbit counter, the oracle of the tests.
//! * [`export`] — writes count matrices as `.npy` or CSV, one graph or a batch of graphs.

mod counting;
pub mod export;
mod graphlets;
mod hood;
pub mod naive;
pub mod orbits;
pub mod substructure;
