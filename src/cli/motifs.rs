//! `saker motifs`: counts of every connected K-vertex pattern.

use clap::Args;

use super::dist::{lead, load_with, ClusterArgs};
use super::output::{Format, Table};
use super::{emit, semantics_name, GraphArgs};
use crate::apps::motifs::{Method, Motifs};
use crate::dist::jobs;
use crate::error::Result;
use crate::pattern::Semantics;
use std::sync::Arc;

/// Arguments of `saker motifs`.
#[derive(Args, Debug)]
pub(crate) struct MotifsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Pattern size: every connected K-vertex pattern is counted (3 to 7).
    #[arg(short, value_name = "K")]
    k: usize,
    /// Count subgraphs (each pattern copy once, extra edges allowed) instead of induced ones.
    #[arg(long)]
    edge_induced: bool,
    /// Counting method (all give the same counts).
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    method: MethodArg,
    #[command(flatten)]
    cluster: ClusterArgs,
}

/// `--method` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum MethodArg {
    /// Equations for K = 3 and 4, and for K = 5 unless the graph has few 4-stars (then
    /// enumeration is faster); enumeration above.
    Auto,
    /// Counting equations (K = 3, 4, 5).
    Equations,
    /// Enumerate every connected K-vertex set.
    Enumerate,
}

/// One row per pattern in `saker patterns -k K` order, zero counts included. CSV is exactly
/// `pattern,count`; the table and JSON add the edge count and the semantics.
pub(crate) fn run(args: &MotifsArgs, format: Format) -> Result<i32> {
    let semantics = if args.edge_induced {
        Semantics::EdgeInduced
    } else {
        Semantics::VertexInduced
    };
    let method = match args.method {
        MethodArg::Auto => Method::Auto,
        MethodArg::Equations => Method::Equations,
        MethodArg::Enumerate => Method::Enumerate,
    };
    let motifs = Motifs::new(args.k)
        .semantics(semantics)
        .method(method)
        .progress(true);
    // Reject a bad K before loading a possibly large graph.
    motifs.check()?;
    let mut runtime = args.cluster.start()?;
    let graph = load_with(&mut runtime, || args.graph.load())?;
    let counts = match runtime {
        Some(runtime) => match lead(jobs::motifs(runtime, Arc::new(graph), motifs)?) {
            Some(counts) => counts,
            None => return Ok(0),
        },
        None => motifs.count(&graph)?,
    };
    let mut table = Table::new(["pattern", "edges", "semantics", "count"]);
    for (pattern, n) in counts {
        // The plain edge list: the semantics has its own column.
        let text = pattern
            .clone()
            .with_semantics(Semantics::EdgeInduced)
            .to_string();
        table.row(vec![
            text.into(),
            pattern.num_edges().into(),
            semantics_name(semantics).into(),
            n.into(),
        ]);
    }
    let table = match format {
        Format::Csv => table.select(&["pattern", "count"]),
        _ => table,
    };
    emit(&table, format)?;
    Ok(0)
}
