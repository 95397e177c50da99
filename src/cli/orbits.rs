//! `saker orbits`: per-vertex (or per-edge) graphlet orbit counts with ORCA's numbering and
//! column order, for one graph or every graph of a dataset (see [`super::features`] for the
//! batch layout).

use clap::Args;

use super::dist::{lead, load_with, ClusterArgs};
use super::features::{check_format, Counted, Export, Inputs};
use super::output::Format;
use super::GraphArgs;
use crate::dist::jobs;
use crate::error::{Error, Result};
use crate::features::{export, orbits};

/// Arguments of `saker orbits`.
#[derive(Args, Debug)]
pub(crate) struct OrbitsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Largest graphlet size: 4 (15 vertex / 12 edge orbits) or 5 (73 / 68).
    #[arg(short, value_name = "K", default_value_t = 5)]
    k: usize,
    /// Count edge orbits instead of vertex orbits.
    #[arg(long)]
    edges: bool,
    #[command(flatten)]
    export: Export,
    #[command(flatten)]
    cluster: ClusterArgs,
}

/// `saker orbits`: computes the orbit matrices and streams them as CSV or `.npy` (never
/// through a table: one row per vertex or edge and up to 73 columns).
pub(crate) fn run(args: &OrbitsArgs, format: Format) -> Result<i32> {
    check_format(format, "orbit counts")?;
    let (k, edges) = (args.k, args.edges);
    let cols = match edges {
        true => orbits::edge_orbit_columns(k)?,
        false => orbits::node_orbit_columns(k)?,
    };
    if edges && args.cluster.given() {
        return Err(Error::InvalidArgument(
            "distributed orbit counts are per vertex; drop --edges or the cluster flags".into(),
        ));
    }
    let mut runtime = args.cluster.start()?;
    let inputs = load_with(&mut runtime, || Inputs::load(&args.graph))?;
    if let Some(runtime) = runtime {
        let graph = match inputs.single() {
            Ok(graph) => graph,
            Err(e) => {
                runtime.fail(&e);
                return Err(e);
            }
        };
        let Some(matrix) = lead(jobs::orbits(runtime, graph, k)?) else {
            return Ok(0);
        };
        let counted = [Counted {
            edges: None,
            matrix,
        }];
        let what = format!("vertex orbit counts (k = {k})");
        args.export
            .write(&inputs, &counted, &export::orbit_names(cols), &what)?;
        return Ok(0);
    }
    let counted = inputs.count("graphs", |g| {
        Ok(match edges {
            true => {
                let (list, matrix) = orbits::edge_orbits(g, k)?;
                Counted {
                    edges: Some(list),
                    matrix,
                }
            }
            false => Counted {
                edges: None,
                matrix: orbits::node_orbits(g, k)?,
            },
        })
    })?;
    let what = match edges {
        true => format!("edge orbit counts (k = {k})"),
        false => format!("vertex orbit counts (k = {k})"),
    };
    args.export
        .write(&inputs, &counted, &export::orbit_names(cols), &what)?;
    Ok(0)
}
