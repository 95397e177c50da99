//! The `saker` command line: argument parsing and one function per subcommand.
//!
//! Every subcommand prints a [`output::Table`] in the format chosen with `--format`; errors are
//! printed once, on stderr, and turn into exit code 2 (exit code 1 is reserved for "answered
//! no", as in `saker exists`). Ctrl-C and `--timeout` stop a run through
//! [`crate::exec::interrupt`]; the run then fails with exit code 2 and prints no result.
//!
//! The older subcommands live in this file; newer ones each have a module of their own holding
//! a clap `Args` struct and a `run(&Args, Format) -> Result<i32>` function, wired in
//! [`Command`] with one line.

mod cliques;
mod dist;
mod exists;
mod features;
mod fsm;
mod list;
mod motifs;
mod orbits;
pub mod output;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use crate::error::{Error, Result};
use crate::graph::{Format as InputFormat, Graph, LoadOptions, Relabel};
use crate::pattern::{Pattern, Semantics};
use output::{Format, Table};

/// Exit code for errors (bad input, I/O failures, invalid arguments).
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "saker",
    version,
    about = "Pattern-aware graph mining: count, find and mine subgraph patterns",
    long_about = None,
    after_help = "Exit codes: 0 success, 1 a query answered \"no\" (e.g. `exists` found nothing), 2 error."
)]
struct Cli {
    /// Worker threads (default: all cores). With 1, the engines run on the thread that calls
    /// them (the main thread, or each worker thread of a distributed run).
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Stop with an error (exit code 2, no result printed) after this many seconds.
    #[arg(long, global = true, value_name = "SECONDS")]
    timeout: Option<f64>,
    /// Print on stderr the seconds spent setting up the process (reading the arguments, starting
    /// the thread pool and the Ctrl-C handler), loading graphs, and on the rest (computing and
    /// writing the results), as `time: setup S s, load L s, compute C s`; process 0 of a
    /// distributed run also reports `peers P s` before `compute`, the wait for the other
    /// processes to connect and load their graph, and `shutdown D s` after it, the wait after
    /// its result for the run to end.
    #[arg(long, global = true)]
    time: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Count every connected K-vertex pattern (vertex-induced unless --edge-induced).
    Motifs(motifs::MotifsArgs),
    /// Print vertex, edge, degree and label statistics of a graph.
    Info {
        #[command(flatten)]
        graph: GraphArgs,
    },
    /// Convert a graph to saker's binary cache (.sakg), memory-mapped on later loads.
    Convert {
        #[command(flatten)]
        graph: GraphArgs,
        /// Output file (conventionally `.sakg`).
        output: PathBuf,
    },
    /// Describe a pattern: canonical form, automorphisms, vertex and edge orbits.
    Pattern {
        /// Pattern text (`0-1-2-0`), a name (`triangle`, `clique:4`) or a `.pat` file.
        pattern: String,
        /// Vertex-induced matching (same as the `induced:` prefix).
        #[arg(long)]
        induced: bool,
    },
    /// Count the unique matches of one or more patterns.
    Count {
        #[command(flatten)]
        graph: GraphArgs,
        /// Patterns: text (`0-1-2-0`), names (`triangle`, `clique:4`) or `.pat` files.
        #[arg(required = true, value_name = "PATTERN")]
        patterns: Vec<String>,
        /// Vertex-induced matching for every pattern (same as the `induced:` prefix).
        #[arg(long)]
        induced: bool,
        /// How to count: `explore` (the planner's exploration) or `hom` (homomorphism counts of
        /// the pattern's spasm, by tree-decomposition dynamic programming; unlabelled patterns
        /// of up to 12 vertices, fastest for long cycles and paths).
        #[arg(long, value_enum, default_value_t = Via::Explore)]
        via: Via,
        /// Where to count (`--via explore`): `cpu`, `gpu` (an error without a usable NVIDIA GPU)
        /// or `auto` (the GPU if usable, else the CPU). The graph is uploaded once per run.
        #[arg(long, value_enum, default_value_t = crate::Device::Cpu)]
        device: crate::Device,
        #[command(flatten)]
        cluster: dist::ClusterArgs,
    },
    /// Homomorphism counts (all maps preserving edges, not necessarily injective).
    Hom {
        #[command(flatten)]
        graph: GraphArgs,
        /// Unlabelled patterns without anti-edges or anti-vertices.
        #[arg(required = true, value_name = "PATTERN")]
        patterns: Vec<String>,
    },
    /// The WL-dimension of counting a pattern, from its spasm's treewidths.
    ///
    /// The least d such that d-dimensional Weisfeiler–Leman (folklore d-FWL, oblivious
    /// (d+1)-WL) determines the pattern's count in every graph.
    WlDimension {
        /// Unlabelled pattern.
        pattern: String,
        /// Vertex-induced counting.
        #[arg(long)]
        induced: bool,
    },
    /// Show the plan the planner chooses for a pattern: order, candidate sets, restrictions.
    Plan {
        /// Pattern text, name or `.pat` file.
        pattern: String,
        /// Plan for this graph's statistics (otherwise for a generic sparse graph).
        #[arg(long, value_name = "GRAPH")]
        graph: Option<PathBuf>,
        /// Vertex-induced matching.
        #[arg(long)]
        induced: bool,
    },
    /// How many benchmark pairs Weisfeiler–Leman-style tests tell apart (BREC, EXP, CEXP, CSL, SR).
    ///
    /// A pair is distinguished when the two graphs' stable colour histograms differ under one
    /// shared colour table (an exact, deterministic test; BREC's protocol for learned models
    /// uses a T² test over 32 permutations instead).
    Expressiveness {
        /// Suite: brec, exp, cexp, csl or sr.
        suite: String,
        /// Directory holding the suite's files (default: its folder under `datasets/`).
        dir: Option<PathBuf>,
        /// Methods to run (repeatable): 1-wl, 2-wl, 3-wl, 2-fwl, 3-fwl, swl, swl-sv, pswl,
        /// pswl-sv, gswl, sswl. Default: 1-wl, swl, sswl and 2-fwl.
        #[arg(long = "method", value_name = "M")]
        methods: Vec<String>,
    },
    /// Per-vertex (or per-edge) graphlet orbit counts with ORCA's numbering and column order.
    ///
    /// Rows follow ascending input vertex ids (edges: ascending `u,v` pairs), so row i of an
    /// `.npy` file is the i-th vertex of a graph whose ids are 0..n-1. A TU directory, graph6
    /// or `.lg` file gives one block per graph, with the graph index as first column.
    Orbits(orbits::OrbitsArgs),
    /// Per-vertex (or per-edge) counts of patterns, one column per pattern vertex (edge) orbit.
    ///
    /// Column `<pattern>:o<i>` of vertex v counts the copies of the pattern in which v plays a
    /// vertex of orbit i (GSN's structural identifiers; edge-induced unless `induced:`). Rows
    /// and batches as for `orbits`.
    Features(features::FeaturesArgs),
    /// Count the k-cliques of a graph (or list them with --list); CSV is exactly `k,count`.
    Cliques(cliques::CliquesArgs),
    /// Whether a pattern occurs: prints the first match found (original vertex ids, one column
    /// per pattern vertex) and exits 0, or prints no match and exits 1 (2 on error).
    Exists(exists::ExistsArgs),
    /// Frequent subgraph mining: labelled patterns of up to K edges with minimum-image support
    /// at least S (needs vertex labels); CSV is exactly `pattern,support`.
    Fsm(fsm::FsmArgs),
    /// Stream every match of a pattern, one line each in original vertex ids (CSV with a
    /// `v0,v1,…` header, JSON lines, or space-separated columns), as they are found.
    List(list::ListArgs),
    /// List all connected K-vertex patterns up to isomorphism.
    Patterns {
        /// Number of vertices (1..=8).
        #[arg(short, value_name = "K")]
        k: usize,
    },
}

/// Counting engines selectable with `count --via`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Via {
    /// The planner's symmetry-broken exploration (any pattern).
    Explore,
    /// Homomorphism counts over the pattern's spasm.
    Hom,
}

/// How to read a graph: shared by every subcommand that takes one.
#[derive(Args, Debug)]
pub(crate) struct GraphArgs {
    /// Graph file: edge list (.el/.txt/.edges, optionally .gz), MatrixMarket (.mtx), graph6
    /// (.g6), GraMi (.lg), TU dataset directory, or a saker cache (.sakg).
    pub(crate) graph: PathBuf,
    /// Override format detection: el, mtx, g6, tu, lg, sakg.
    #[arg(long, value_name = "FORMAT")]
    input_format: Option<String>,
    /// Vertex labels, one `vertex label` line per vertex (original ids; -1 = none).
    #[arg(long, value_name = "FILE")]
    labels: Option<PathBuf>,
    /// Keep the input's vertex order instead of relabelling by degree.
    #[arg(long)]
    no_relabel: bool,
}

impl GraphArgs {
    pub(crate) fn options(&self) -> Result<LoadOptions> {
        let mut options = LoadOptions::default().progress(true);
        if let Some(name) = &self.input_format {
            options = options.format(name.parse::<InputFormat>()?);
        }
        if let Some(labels) = &self.labels {
            options = options.labels(labels);
        }
        if self.no_relabel {
            options = options.relabel(Relabel::None);
        }
        Ok(options)
    }

    pub(crate) fn load(&self) -> Result<Graph> {
        loading(|| Graph::load(&self.graph, &self.options()?))
    }
}

/// Runs `load` (reading input graphs), adding its time to what `--time` reports as loading.
pub(crate) fn loading<T>(load: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let loaded = load();
    LOAD_NANOS.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
    loaded
}

/// Time spent in [`loading`] by this process, for `--time`.
static LOAD_NANOS: AtomicU64 = AtomicU64::new(0);

/// Time from the start of [`main`] to the end of the process set-up in [`run`], for `--time`.
static SETUP_NANOS: AtomicU64 = AtomicU64::new(0);

/// Parses the arguments, runs the subcommand and returns the process exit code.
pub fn main() -> i32 {
    let start = Instant::now();
    let cli = Cli::parse();
    let time = cli.time;
    let code = match run(cli, start) {
        Ok(code) => code,
        Err(e) => {
            report(&e);
            EXIT_ERROR
        }
    };
    // A distributed run's result is out before the run has shut down; the process waits for
    // that before it exits.
    let waits = dist::wait_for_shutdown();
    if time {
        let total = start.elapsed().as_secs_f64();
        let setup = SETUP_NANOS.load(Ordering::Relaxed) as f64 * 1e-9;
        let load = LOAD_NANOS.load(Ordering::Relaxed) as f64 * 1e-9;
        let line = match waits {
            None => {
                let compute = total - setup - load;
                format!("time: setup {setup:.6} s, load {load:.6} s, compute {compute:.6} s")
            }
            Some(waits) => {
                let (peers, shutdown) = (waits.peers.as_secs_f64(), waits.shutdown.as_secs_f64());
                let compute = total - setup - load - peers - shutdown;
                format!(
                    "time: setup {setup:.6} s, load {load:.6} s, peers {peers:.6} s, \
                     compute {compute:.6} s, shutdown {shutdown:.6} s"
                )
            }
        };
        eprintln!("{line}");
    }
    code
}

/// The value of the flag `flag`, a positive number of seconds small enough for a `Duration`.
pub(crate) fn seconds_of(flag: &str, seconds: f64) -> Result<std::time::Duration> {
    std::time::Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            Error::InvalidArgument(format!(
                "{flag} must be a positive number of seconds, not {seconds}"
            ))
        })
}

/// Prints an error and its chain of causes on stderr.
fn report(error: &Error) {
    let mut message = format!("error: {error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(&format!("\n  caused by: {text}"));
        }
        source = cause.source();
    }
    eprintln!("{message}");
}

fn run(cli: Cli, start: Instant) -> Result<i32> {
    if let Some(threads) = cli.threads {
        if threads == 0 {
            return Err(Error::InvalidArgument(
                "--threads must be at least 1".into(),
            ));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .map_err(|e| Error::InvalidArgument(format!("cannot start {threads} threads: {e}")))?;
    }
    crate::exec::compute_on_this_thread();
    if let Some(seconds) = cli.timeout {
        crate::exec::interrupt::set_timeout(seconds_of("--timeout", seconds)?);
    }
    // A second Ctrl-C while the first is being honoured kills the process the usual way.
    ctrlc::set_handler(|| {
        if crate::exec::interrupt::requested() {
            std::process::exit(130);
        }
        crate::exec::interrupt::interrupt();
        eprintln!("interrupted: stopping (Ctrl-C again to quit at once)");
    })
    .map_err(|e| Error::InvalidArgument(format!("cannot install the Ctrl-C handler: {e}")))?;
    SETUP_NANOS.store(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
    let table = match &cli.command {
        Command::Motifs(args) => return motifs::run(args, cli.format),
        Command::Info { graph } => info(graph)?,
        Command::Convert { graph, output } => convert(graph, output)?,
        Command::Pattern { pattern, induced } => describe_pattern(pattern, *induced)?,
        Command::Patterns { k } => list_patterns(*k)?,
        Command::Count {
            graph,
            patterns,
            induced,
            via,
            device,
            cluster,
        } => match count(
            graph,
            patterns,
            *induced,
            (*via, *device, cluster),
            cli.format,
        )? {
            Some(table) => table,
            None => return Ok(0),
        },
        Command::Hom { graph, patterns } => hom(graph, patterns)?,
        Command::WlDimension { pattern, induced } => wl_dimension(pattern, *induced)?,
        Command::Expressiveness {
            suite,
            dir,
            methods,
        } => expressiveness(suite, dir.as_deref(), methods, cli.format)?,
        Command::Orbits(args) => return orbits::run(args, cli.format),
        Command::Features(args) => return features::run(args, cli.format),
        Command::Plan {
            pattern,
            graph,
            induced,
        } => return show_plan(pattern, graph.as_deref(), *induced, cli.format),
        Command::Cliques(args) => return cliques::run(args, cli.format),
        Command::Exists(args) => return exists::run(args, cli.format),
        Command::Fsm(args) => return fsm::run(args, cli.format),
        Command::List(args) => return list::run(args, cli.format),
    };
    emit(&table, cli.format)?;
    Ok(0)
}

/// Writes a table to stdout; a closed pipe (`saker … | head`) is a normal end, not an error.
pub(crate) fn emit(table: &Table, format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = table.write(format, &mut out).and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::io("<stdout>", e)),
    }
}

/// The words every count output uses for its semantics.
pub(crate) fn semantics_name(semantics: Semantics) -> &'static str {
    match semantics {
        Semantics::EdgeInduced => "edge-induced",
        Semantics::VertexInduced => "vertex-induced",
    }
}

/// `saker count`: one row per pattern, in the order given, named as the user wrote them. CSV is
/// exactly `pattern,count`; the table and JSON also state the semantics of each count.
/// `None` on the processes of a distributed run other than process 0, which print nothing.
fn count(
    args: &GraphArgs,
    specs: &[String],
    induced: bool,
    (via, device, cluster): (Via, crate::Device, &dist::ClusterArgs),
    format: Format,
) -> Result<Option<Table>> {
    let patterns = specs
        .iter()
        .map(|spec| resolve_pattern(spec, induced))
        .collect::<Result<Vec<_>>>()?;
    if cluster.given() && (via != Via::Explore || device != crate::Device::Cpu) {
        return Err(Error::InvalidArgument(
            "a distributed count explores on the CPU: drop --via hom / --device".into(),
        ));
    }
    let mut runtime = cluster.start()?;
    let graph = dist::load_with(&mut runtime, || args.load())?;
    let counts = match runtime {
        Some(runtime) => {
            let graph = std::sync::Arc::new(graph);
            match dist::lead(crate::dist::jobs::count(runtime, graph, patterns.clone())?) {
                Some(counts) => counts,
                None => return Ok(None),
            }
        }
        None => {
            let mut engine = crate::exec::gpu::Engine::new(device, &graph)?;
            patterns
                .iter()
                .map(|pattern| match via {
                    Via::Explore => engine.count(&graph, pattern),
                    Via::Hom => crate::hom::subgraph_count_via_hom(&graph, pattern),
                })
                .collect::<Result<Vec<u64>>>()?
        }
    };
    let mut table = Table::new(["pattern", "semantics", "count"]);
    for ((spec, pattern), n) in specs.iter().zip(&patterns).zip(counts) {
        table.row(vec![
            spec.as_str().into(),
            semantics_name(pattern.semantics()).into(),
            n.into(),
        ]);
    }
    Ok(Some(match format {
        Format::Csv => table.select(&["pattern", "count"]),
        _ => table,
    }))
}

/// `saker plan`: the plan's own rendering as text, or its main facts as CSV/JSON.
fn show_plan(
    spec: &str,
    graph: Option<&std::path::Path>,
    induced: bool,
    format: Format,
) -> Result<i32> {
    let pattern = resolve_pattern(spec, induced)?;
    let plan = match graph {
        Some(path) => {
            let graph = loading(|| Graph::load(path, &LoadOptions::default().progress(true)))?;
            crate::Plan::for_graph(&pattern, &graph)
        }
        None => crate::Plan::new(&pattern, None, crate::PlanOptions::default()),
    };
    if format == Format::Table {
        print!("{plan}");
        return Ok(0);
    }
    let order = plan
        .order()
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>();
    let restrictions = plan
        .restrictions()
        .iter()
        .map(|(a, b)| format!("v{a}<v{b}"))
        .collect::<Vec<_>>();
    let mut table = Table::key_value();
    table
        .pair("pattern", pattern.to_string())
        .pair("semantics", semantics_name(pattern.semantics()))
        .pair("strategy", plan.strategy_name())
        .pair("order", order.join(" "))
        .pair("restrictions", restrictions.join(" "))
        .pair("counted tail", plan.tail_len())
        .pair("plan", plan.to_string());
    emit(&table, format)?;
    Ok(0)
}

/// `saker expressiveness`: one row per method and category; CSV is exactly
/// `method,category,pairs,distinguished,seconds`, the table and JSON add skipped pairs.
fn expressiveness(
    suite: &str,
    dir: Option<&std::path::Path>,
    methods: &[String],
    format: Format,
) -> Result<Table> {
    use crate::wl::{harness, Method};
    let suite: harness::Suite = suite.parse()?;
    let defaults = ["1-wl", "swl", "sswl", "2-fwl"];
    let names: Vec<&str> = if methods.is_empty() {
        defaults.to_vec()
    } else {
        methods.iter().map(String::as_str).collect()
    };
    let methods = names
        .iter()
        .map(|m| m.parse::<Method>())
        .collect::<Result<Vec<_>>>()?;
    let dir = dir.unwrap_or(std::path::Path::new(suite.default_dir()));
    let rows = harness::run(suite, dir, &methods)?;
    let mut table = Table::new([
        "method",
        "category",
        "pairs",
        "distinguished",
        "skipped",
        "seconds",
    ]);
    for row in rows {
        table.row(vec![
            row.method.into(),
            row.category.into(),
            row.pairs.into(),
            row.distinguished.into(),
            row.skipped.into(),
            row.seconds.into(),
        ]);
    }
    Ok(match format {
        Format::Csv => table.select(&["method", "category", "pairs", "distinguished", "seconds"]),
        _ => table,
    })
}

/// `saker hom`: one row per pattern with its homomorphism count.
fn hom(args: &GraphArgs, specs: &[String]) -> Result<Table> {
    let patterns = specs
        .iter()
        .map(|spec| resolve_pattern(spec, false))
        .collect::<Result<Vec<_>>>()?;
    let graph = args.load()?;
    let mut table = Table::new(["pattern", "homomorphisms"]);
    for (spec, pattern) in specs.iter().zip(&patterns) {
        let n = crate::hom::hom_count(&graph, pattern)?;
        table.row(vec![spec.as_str().into(), n.into()]);
    }
    Ok(table)
}

/// `saker wl-dimension`: the spasm with each image's coefficient and treewidth, the dimension,
/// and what it implies for the tests of `saker expressiveness`.
fn wl_dimension(spec: &str, induced: bool) -> Result<Table> {
    let pattern = resolve_pattern(spec, false)?;
    let dim = crate::hom::wl_dimension(&pattern, induced)?;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let subgraph_wl = match dim.dimension {
        0 | 1 => "yes (they refine 1-WL)",
        2 => "not decided by treewidth (they lie strictly between 1-WL and 2-FWL)",
        _ => "no (they are bounded by 2-FWL)",
    };
    let images = dim
        .images
        .iter()
        .map(|(image, coefficient, tw)| format!("{coefficient:+} × [{image}] (tw {tw})"))
        .collect::<Vec<_>>();
    let mut table = Table::key_value();
    table
        .pair("pattern", pattern.to_string())
        .pair(
            "counting",
            if induced {
                "vertex-induced"
            } else {
                "edge-induced"
            },
        )
        .pair("automorphisms", dim.automorphisms)
        .pair("spasm images", dim.images.len())
        .pair("spasm", images.join("; "))
        .pair("WL-dimension", dim.dimension)
        .pair("weakest WL that counts it", dim.variant())
        .pair("1-WL counts it", yes_no(dim.dimension <= 1))
        .pair("2-FWL (3-WL) counts it", yes_no(dim.dimension <= 2))
        .pair("subgraph WL (SWL…SSWL) counts it", subgraph_wl);
    Ok(table)
}

fn info(args: &GraphArgs) -> Result<Table> {
    let graph = args.load()?;
    let stats = graph.stats();
    let mut table = Table::key_value();
    table
        .pair("graph", args.graph.display().to_string())
        .pair("vertices", stats.vertices)
        .pair("edges", stats.edges)
        .pair("min degree", stats.min_degree)
        .pair("max degree", stats.max_degree)
        .pair("mean degree", stats.mean_degree)
        .pair("isolated vertices", stats.isolated)
        .pair("labels", stats.num_labels());
    if let Some(histogram) = &stats.label_histogram {
        for (label, count) in histogram {
            let name = if *label == crate::graph::NO_LABEL {
                "vertices without label".to_string()
            } else {
                format!("label {label}")
            };
            table.pair(&name, *count);
        }
    }
    Ok(table)
}

fn convert(args: &GraphArgs, output: &std::path::Path) -> Result<Table> {
    let graph = args.load()?;
    graph.save_cache(output)?;
    let bytes = std::fs::metadata(output)
        .map_err(|e| Error::io(output, e))?
        .len();
    let mut table = Table::key_value();
    table
        .pair("output", output.display().to_string())
        .pair("vertices", graph.num_vertices())
        .pair("edges", graph.num_edges())
        .pair("bytes", bytes);
    Ok(table)
}

/// Resolves a pattern argument: text, a built-in name, a `.pat` file, or a name found in the
/// bundled `patterns/` directory next to the crate.
pub(crate) fn resolve_pattern(spec: &str, induced: bool) -> Result<Pattern> {
    let pattern = Pattern::resolve(spec, &[std::path::Path::new("patterns")])?;
    Ok(if induced {
        pattern.with_semantics(Semantics::VertexInduced)
    } else {
        pattern
    })
}

fn describe_pattern(spec: &str, induced: bool) -> Result<Table> {
    let pattern = resolve_pattern(spec, induced)?;
    let semantics = semantics_name(pattern.semantics());
    let join = |items: Vec<String>| items.join(" ");
    let orbits = pattern.vertex_orbits();
    let edge_orbits = pattern.edge_orbits();
    let generators = pattern.automorphism_generators();
    let mut table = Table::key_value();
    table
        .pair("pattern", pattern.to_string())
        .pair("name", pattern.name().unwrap_or("-").to_string())
        .pair("semantics", semantics)
        .pair("vertices", pattern.num_vertices())
        .pair("edges", pattern.num_edges())
        .pair("anti-vertices", pattern.anti_vertices().len())
        .pair(
            "connected",
            if pattern.is_connected() { "yes" } else { "no" },
        )
        .pair("canonical form", pattern.canonical_form().to_string())
        .pair("automorphisms", pattern.automorphism_count())
        .pair(
            "automorphism generators",
            join(generators.iter().map(|g| cycles(g)).collect()),
        )
        .pair(
            "vertex orbits",
            join(
                orbits
                    .iter()
                    .enumerate()
                    .map(|(v, o)| format!("{v}:{o}"))
                    .collect(),
            ),
        )
        .pair(
            "edge orbits",
            join(
                edge_orbits
                    .iter()
                    .map(|e| format!("{}-{}:{}", e.edge.0, e.edge.1, e.orbit))
                    .collect(),
            ),
        );
    Ok(table)
}

/// A permutation in cycle notation, fixed points omitted (`()` for the identity).
fn cycles(perm: &[usize]) -> String {
    let mut seen = vec![false; perm.len()];
    let mut out = String::new();
    for start in 0..perm.len() {
        if seen[start] || perm[start] == start {
            continue;
        }
        let mut cycle = Vec::new();
        let mut v = start;
        while !seen[v] {
            seen[v] = true;
            cycle.push(v.to_string());
            v = perm[v];
        }
        out.push_str(&format!("({})", cycle.join(" ")));
    }
    if out.is_empty() {
        "()".into()
    } else {
        out
    }
}

/// Largest `k` for `saker patterns`: 11,117 patterns at 8; 9 would be 261,080.
const MAX_LISTED_K: usize = 8;

fn list_patterns(k: usize) -> Result<Table> {
    if !(1..=MAX_LISTED_K).contains(&k) {
        return Err(Error::InvalidArgument(format!(
            "-k must be between 1 and {MAX_LISTED_K} (there are 261,080 connected 9-vertex graphs)"
        )));
    }
    let mut table = Table::new([
        "index",
        "pattern",
        "edges",
        "automorphisms",
        "canonical form",
    ]);
    for (i, p) in crate::pattern::connected(k).iter().enumerate() {
        table.row(vec![
            i.into(),
            p.to_string().into(),
            p.num_edges().into(),
            p.automorphism_count().into(),
            p.canonical_form().to_string().into(),
        ]);
    }
    Ok(table)
}
