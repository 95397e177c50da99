//! `saker cliques`: count (or list) the k-cliques of a graph, for one size or a range.

use std::ops::RangeInclusive;
use std::sync::Arc;

use clap::Args;

use super::dist::{lead, load_with, ClusterArgs};
use super::output::{Format, Table};
use super::{emit, GraphArgs};
use crate::apps::cliques::{check_sizes, clique_pattern, counts_in};
use crate::dist::jobs;
use crate::error::{Error, Result};
use crate::exec::Roots;
use crate::progress::Work;

/// Arguments of `saker cliques`.
#[derive(Args, Debug)]
pub(crate) struct CliquesArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Clique size (2..=32), or a range MIN-MAX counted in one pass.
    #[arg(short, value_name = "K|MIN-MAX", value_parser = parse_sizes)]
    k: RangeInclusive<usize>,
    /// Stream the cliques (original ids, one per line) instead of counting them.
    #[arg(long)]
    list: bool,
    /// With --list: stop after this many cliques.
    #[arg(long, value_name = "N", requires = "list")]
    limit: Option<u64>,
    #[command(flatten)]
    cluster: ClusterArgs,
}

/// `K` or `MIN-MAX` as a range of sizes (checked against the accepted sizes later).
fn parse_sizes(text: &str) -> std::result::Result<RangeInclusive<usize>, String> {
    let number = |t: &str| {
        t.trim()
            .parse::<usize>()
            .map_err(|_| format!("expected a clique size K or a range MIN-MAX, not `{text}`"))
    };
    match text.split_once('-') {
        Some((lo, hi)) => Ok(number(lo)?..=number(hi)?),
        None => number(text).map(|k| k..=k),
    }
}

/// Prints `k,count` rows (or streams the cliques like `saker list`).
pub(crate) fn run(args: &CliquesArgs, format: Format) -> Result<i32> {
    let sizes = args.k.clone();
    if args.list {
        if args.cluster.given() {
            return Err(Error::InvalidArgument(
                "--list runs in one process; drop the cluster flags".into(),
            ));
        }
        if sizes.start() != sizes.end() {
            return Err(Error::InvalidArgument(
                "--list takes one clique size K, not a range".into(),
            ));
        }
        let pattern = clique_pattern(*sizes.start())?;
        let graph = args.graph.load()?;
        return super::list::stream(&graph, &pattern, args.limit, format);
    }
    // Checks the sizes before loading the graph.
    check_sizes(&sizes)?;
    let mut runtime = args.cluster.start()?;
    let graph = load_with(&mut runtime, || args.graph.load())?;
    let counts = match runtime {
        // Every worker counts the cliques rooted in its shard, for all sizes in one run.
        Some(runtime) => match lead(jobs::cliques(runtime, Arc::new(graph), sizes)?) {
            Some(counts) => counts,
            None => return Ok(0),
        },
        None => {
            let progress = Work::new(true, "cliques", graph.num_vertices() as u64);
            counts_in(&graph, sizes, &progress, Roots::All)?
        }
    };
    let mut table = Table::new(["k", "count"]);
    for (k, count) in counts {
        table.row(vec![k.into(), count.into()]);
    }
    emit(&table, format)?;
    Ok(0)
}
