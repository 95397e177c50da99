//! `saker fsm`: frequent subgraph mining with minimum-image support.

use clap::Args;

use super::dist::{lead, load_with, ClusterArgs};
use super::output::{Format, Table};
use super::{emit, GraphArgs};
use crate::apps::fsm::{fsm, FsmOptions};
use crate::dist::jobs;
use crate::error::Result;
use crate::pattern::Semantics;
use std::sync::Arc;

/// Arguments of `saker fsm`.
#[derive(Args, Debug)]
pub(crate) struct FsmArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Largest pattern size, in edges.
    #[arg(long, value_name = "K")]
    edges: usize,
    /// Minimum MNI support (distinct data vertices of the least-covered pattern vertex).
    #[arg(long, value_name = "S")]
    support: u64,
    /// Vertex-induced matching (MNI is then not anti-monotone; patterns grow as usual).
    #[arg(long)]
    vertex_induced: bool,
    /// Stop matching a pattern once it is frequent: faster, supports become lower bounds (≥ S).
    #[arg(long)]
    lower_bounds: bool,
    #[command(flatten)]
    cluster: ClusterArgs,
}

/// One row per frequent pattern, smallest first; CSV is exactly `pattern,support`.
pub(crate) fn run(args: &FsmArgs, format: Format) -> Result<i32> {
    let mut runtime = args.cluster.start()?;
    let graph = load_with(&mut runtime, || args.graph.load())?;
    let mut options = FsmOptions::new(args.edges, args.support);
    options.lower_bounds = args.lower_bounds;
    options.progress = true;
    if args.vertex_induced {
        options.semantics = Semantics::VertexInduced;
    }
    let found = match runtime {
        // Exact supports: every worker's domains are complete for its shard.
        Some(runtime) => match lead(jobs::fsm(runtime, Arc::new(graph), options)?) {
            Some(found) => found,
            None => return Ok(0),
        },
        None => fsm(&graph, &options)?,
    };
    let mut table = Table::new(["edges", "pattern", "support"]);
    for found in found {
        table.row(vec![
            found.pattern.num_edges().into(),
            found.pattern.to_string().into(),
            found.support.into(),
        ]);
    }
    emit(
        &match format {
            Format::Csv => table.select(&["pattern", "support"]),
            _ => table,
        },
        format,
    )?;
    Ok(0)
}
