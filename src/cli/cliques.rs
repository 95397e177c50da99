//! `saker cliques`: count (or list) the k-cliques of a graph.

use clap::Args;

use super::dist::{lead, ClusterArgs};
use super::output::{Format, Table};
use super::{emit, GraphArgs};
use crate::apps::cliques::{clique_pattern, cliques};
use crate::dist::jobs;
use crate::error::{Error, Result};
use std::sync::Arc;

/// Arguments of `saker cliques`.
#[derive(Args, Debug)]
pub(crate) struct CliquesArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Clique size (2..=32).
    #[arg(short, value_name = "K")]
    k: usize,
    /// Stream the cliques (original ids, one per line) instead of counting them.
    #[arg(long)]
    list: bool,
    /// With --list: stop after this many cliques.
    #[arg(long, value_name = "N", requires = "list")]
    limit: Option<u64>,
    #[command(flatten)]
    cluster: ClusterArgs,
}

/// Prints `k,count` (or streams the cliques like `saker list`).
pub(crate) fn run(args: &CliquesArgs, format: Format) -> Result<i32> {
    let pattern = clique_pattern(args.k)?;
    let cluster = args.cluster.cluster()?;
    if cluster.is_some() && args.list {
        return Err(Error::InvalidArgument(
            "--list runs in one process; drop the cluster flags".into(),
        ));
    }
    let graph = args.graph.load()?;
    if args.list {
        return super::list::stream(&graph, &pattern, args.limit, format);
    }
    let n = match cluster {
        Some(cluster) => match lead(jobs::count(&cluster, Arc::new(graph), vec![pattern])?) {
            Some(counts) => counts[0],
            None => return Ok(0),
        },
        None => cliques(&graph, args.k)?,
    };
    let mut table = Table::new(["k", "count"]);
    table.row(vec![args.k.into(), n.into()]);
    emit(&table, format)?;
    Ok(0)
}
