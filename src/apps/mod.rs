//! The mining applications behind the CLI's subcommands, each a plain function over a
//! [`Graph`](crate::Graph) built on the [`program`](crate::program) API or on the planner's
//! counting paths (frequent subgraph mining on its own existence search): motifs, cliques,
//! frequent subgraph mining, existence and listing.

pub mod cliques;
pub mod exists;
pub mod fsm;
pub mod list;
pub mod motifs;
