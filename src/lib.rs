//! saker: pattern-aware graph mining.
//!
//! Declare a [`Pattern`] (text, a name, or built in Rust), load a [`Graph`], and count or
//! enumerate the pattern's matches. A planner ([`plan`]) turns each pattern into a
//! symmetry-broken matching plan, so that every match is found exactly once; the parallel CPU
//! explorer ([`exec::cpu`]) runs it.
//!
//! ```
//! use std::ops::ControlFlow;
//! use std::sync::atomic::{AtomicU64, Ordering};
//! use saker::graph::LoadOptions;
//! use saker::{Graph, Pattern, Query, Semantics};
//!
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/unlabeled/small/karate.el");
//! let graph = Graph::load(path, &LoadOptions::default())?;
//!
//! // Count: each triangle of Zachary's karate club once.
//! let triangle = Pattern::parse("triangle")?;
//! assert_eq!(saker::count(&graph, &triangle)?, 45);
//!
//! // Patterns are text too: a path of three vertices whose ends are not adjacent.
//! let open_wedge = Pattern::parse("0-1-2 0~2")?;
//! assert_eq!(saker::count(&graph, &open_wedge)?, 528 - 3 * 45);
//!
//! // Vertex-induced matching and the thread count are options of a query.
//! let wedge = Pattern::parse("wedge")?;
//! let induced = Query::new(&wedge).semantics(Semantics::VertexInduced).threads(2);
//! assert_eq!(induced.count(&graph)?, 528 - 3 * 45);
//!
//! // Visit matches (data vertices in pattern-vertex order), stopping whenever you like.
//! let hub = graph.max_degree() as u32;
//! let with_hub = AtomicU64::new(0);
//! saker::for_each_match(&graph, &triangle, |m| {
//!     if m.iter().any(|&v| graph.degree(v) as u32 == hub) {
//!         with_hub.fetch_add(1, Ordering::Relaxed);
//!     }
//!     ControlFlow::Continue(())
//! })?;
//! assert!(with_hub.into_inner() > 0);
//! # Ok::<(), saker::Error>(())
//! ```
#![warn(missing_docs)]

mod api;
pub mod apps;
pub mod cli;
pub mod dist;
pub mod error;
pub mod exec;
pub mod features;
pub mod graph;
pub mod hom;
pub mod pattern;
pub mod plan;
pub mod program;
pub mod progress;
pub mod wl;

pub use api::{count, for_each_match, Query};
pub use apps::cliques::cliques;
pub use apps::exists::exists;
pub use apps::fsm::fsm;
pub use apps::list::list;
pub use apps::motifs::motifs;
pub use error::{Error, Result};
pub use exec::gpu::Device;
pub use graph::Graph;
pub use pattern::{Label, Pattern, Semantics};
pub use plan::{Plan, PlanOptions};
pub use program::Program;
