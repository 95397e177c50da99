//! `saker features`: per-vertex (or per-edge) substructure counts of user patterns, split by
//! pattern orbit, as CSV or `.npy`; and the export and batch code it shares with
//! `saker orbits` ([`Export`], [`Inputs`]).
//!
//! A multi-graph input (TU dataset directory, graph6 or `.lg` file) is a *batch*: its graphs
//! are counted in parallel and written one block after another, with the graph's index in the
//! dataset (from 0) as the first column (`graph` in CSV; column 0 of the `.npy` array).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use rayon::prelude::*;

use super::output::Format;
use super::{resolve_pattern, GraphArgs};
use crate::error::{Error, Result};
use crate::features::export::{self, NpyDtype, Rows};
use crate::features::orbits::OrbitMatrix;
use crate::features::substructure;
use crate::graph::{load_many, Format as InputFormat, Graph, Relabel};
use crate::progress::Work;

/// Arguments of `saker features`.
#[derive(Args, Debug)]
pub(crate) struct FeaturesArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Pattern (repeatable): text (`0-1-2-0`), a name (`cycle:6`, `path:4`, `star:4`,
    /// `clique:4`) or a `.pat` file; `induced:` for vertex-induced copies. Each gives one
    /// column per vertex orbit (edge orbit), named `<pattern>:o<i>`.
    #[arg(short, long = "pattern", required = true, value_name = "PATTERN")]
    patterns: Vec<String>,
    /// Count per edge (by pattern edge orbit) instead of per vertex.
    #[arg(long)]
    edges: bool,
    /// Vertex-induced matching for every pattern (same as the `induced:` prefix).
    #[arg(long)]
    induced: bool,
    #[command(flatten)]
    export: Export,
}

/// Where and how count matrices are written: shared by `features` and `orbits`.
#[derive(Args, Debug)]
pub(crate) struct Export {
    /// Output file: `.npy` for a NumPy array, anything else for CSV (default: CSV on stdout).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Element type of `.npy` output: u64 (exact) or f32.
    #[arg(long, default_value = "u64", value_name = "TYPE")]
    dtype: String,
}

/// The graphs to count on, in input order (never relabelled: rows follow the input's ids).
pub(crate) struct Inputs {
    /// Shared, so that a distributed run's workers can hold the one graph while its result is
    /// written.
    graphs: Vec<Arc<Graph>>,
    batch: bool,
}

impl Inputs {
    /// Loads one graph, or every graph of a multi-graph input.
    pub(crate) fn load(args: &GraphArgs) -> Result<Inputs> {
        let options = args.options()?.relabel(Relabel::None);
        let format = match options.format {
            Some(f) => f,
            None => InputFormat::from_path(&args.graph)?,
        };
        let batch = matches!(
            format,
            InputFormat::Tu | InputFormat::Graph6 | InputFormat::Lg
        );
        let graphs = super::loading(|| match batch {
            true => load_many(&args.graph, &options),
            false => Graph::load(&args.graph, &options).map(|graph| vec![graph]),
        })?;
        let graphs = graphs.into_iter().map(Arc::new).collect();
        Ok(Inputs { graphs, batch })
    }

    /// The one graph of a single-graph input.
    pub(crate) fn single(&self) -> Result<Arc<Graph>> {
        match (self.batch, self.graphs.first()) {
            (false, Some(graph)) => Ok(Arc::clone(graph)),
            _ => Err(Error::InvalidArgument(
                "a distributed run takes one graph, not a multi-graph dataset".into(),
            )),
        }
    }

    /// Runs `count` on every graph, graphs in parallel (a batch has many small graphs, each
    /// too small to keep the workers busy alone).
    pub(crate) fn count(
        &self,
        what: &str,
        count: impl Fn(&Graph) -> Result<Counted> + Sync,
    ) -> Result<Vec<Counted>> {
        let work = Work::new(self.batch, what, self.graphs.len() as u64);
        self.graphs
            .par_iter()
            .map(|g| {
                let out = count(g);
                work.inc(1);
                out
            })
            .collect()
    }
}

/// One graph's counts: the matrix and, for per-edge counts, the edge of each row.
pub(crate) struct Counted {
    pub(crate) edges: Option<Vec<(u32, u32)>>,
    pub(crate) matrix: OrbitMatrix,
}

impl Export {
    /// Writes the counts of `inputs` (CSV with `columns` as header names, or `.npy`) to the
    /// output file or stdout; `what` describes them in the message on stderr.
    pub(crate) fn write(
        &self,
        inputs: &Inputs,
        counted: &[Counted],
        columns: &[String],
        what: &str,
    ) -> Result<()> {
        let dtype: NpyDtype = self.dtype.parse()?;
        let npy = self
            .output
            .as_deref()
            .is_some_and(|p| p.extension().is_some_and(|e| e == "npy"));
        let write = |out: &mut dyn Write| -> std::io::Result<()> {
            if npy {
                let matrices: Vec<&OrbitMatrix> = counted.iter().map(|c| &c.matrix).collect();
                return match inputs.batch {
                    true => export::write_npy_batch(out, &matrices, dtype),
                    false => export::write_npy(out, matrices[0], dtype),
                };
            }
            let blocks: Vec<(Rows, &OrbitMatrix)> = inputs
                .graphs
                .iter()
                .zip(counted)
                .map(|(g, c)| {
                    let rows = match &c.edges {
                        Some(edges) => Rows::Edges(g, edges),
                        None => Rows::Vertices(g),
                    };
                    (rows, &c.matrix)
                })
                .collect();
            export::write_csv(out, &blocks, columns, inputs.batch)
        };
        match self.output.as_deref() {
            Some(path) => {
                export::save(path, |mut file| write(&mut file))?;
                let rows: usize = counted.iter().map(|c| c.matrix.rows()).sum();
                let graphs = match inputs.batch {
                    true => format!(" of {} graphs", inputs.graphs.len()),
                    false => String::new(),
                };
                eprintln!(
                    "wrote {rows} × {} {what}{graphs} to {}",
                    columns.len(),
                    path.display()
                );
            }
            None => {
                let stdout = std::io::stdout();
                let mut out = stdout.lock();
                match write(&mut out) {
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                    other => other.map_err(|e| Error::io("<stdout>", e))?,
                }
            }
        }
        Ok(())
    }
}

/// Refuses JSON: count matrices have a row per vertex or edge and are written as CSV or
/// `.npy`.
pub(crate) fn check_format(format: Format, what: &str) -> Result<()> {
    match format {
        Format::Json => Err(Error::InvalidArgument(format!(
            "{what} are written as CSV or .npy (-o FILE.npy), not JSON"
        ))),
        _ => Ok(()),
    }
}

/// `saker features`.
pub(crate) fn run(args: &FeaturesArgs, format: Format) -> Result<i32> {
    check_format(format, "substructure counts")?;
    let patterns = args
        .patterns
        .iter()
        .map(|spec| resolve_pattern(spec, args.induced))
        .collect::<Result<Vec<_>>>()?;
    let names: Vec<&str> = args.patterns.iter().map(String::as_str).collect();
    let columns = substructure::column_names(&names, &patterns, args.edges);
    let inputs = Inputs::load(&args.graph)?;
    let counted = inputs.count("graphs", |g| {
        Ok(match args.edges {
            true => {
                let (edges, matrix) = substructure::edge_counts(g, &patterns)?;
                Counted {
                    edges: Some(edges),
                    matrix,
                }
            }
            false => Counted {
                edges: None,
                matrix: substructure::vertex_counts(g, &patterns)?,
            },
        })
    })?;
    let what = match args.edges {
        true => "edge substructure counts",
        false => "vertex substructure counts",
    };
    args.export.write(&inputs, &counted, &columns, what)?;
    Ok(0)
}
