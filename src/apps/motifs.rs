//! Motif counting: the number of occurrences of every connected `k`-vertex pattern at once.
//!
//! All patterns are counted in one go instead of one by one:
//!
//! * `k = 3, 4` — *equations* ([`Method::Equations`]): one pass over the degree-oriented graph
//!   lists the triangles (with per-edge triangle counts and 4-cliques on the way) and counts the
//!   4-cycles from common-neighbour counts; every other pattern's count follows from degrees
//!   and those local counts (3-stars from `C(d, 3)`, paths from edge degree products, tailed
//!   triangles and diamonds from triangles per vertex and per edge).
//! * `k = 5` — equations too: the per-vertex graphlet orbit counts of
//!   [`crate::features::orbits::node_orbits`], computed from counting equations, summed over
//!   the vertices and divided by the graphlet size.
//! * `k ≥ 6` (and any `k` with [`Method::Enumerate`]) — one exploration of all connected
//!   `k`-vertex sets (ESU, Wernicke 2006), each classified by a table lookup of its adjacency
//!   code, in parallel over the start vertices.
//!
//! Counts are vertex-induced (each connected `k`-vertex set counts for the one pattern it
//! induces) or edge-induced (each subgraph isomorphic to the pattern counts once, whatever
//! other edges its vertices have). The second follows from the first by an exact integer
//! transform computed from the patterns themselves: `edge(P) = Σ_Q m(P, Q) · vertex(Q)`, where
//! `m(P, Q)` is the number of spanning subgraphs of `Q` isomorphic to `P`.
//!
//! ```
//! use saker::graph::LoadOptions;
//! use saker::{Graph, Semantics};
//!
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/unlabeled/small/karate.el");
//! let graph = Graph::load(path, &LoadOptions::default())?;
//!
//! // Every connected 3-vertex pattern: the open wedge and the triangle.
//! let census = saker::motifs(&graph, 3, Semantics::VertexInduced)?;
//! let counts: Vec<u64> = census.iter().map(|(_, n)| *n).collect();
//! assert_eq!(counts, [528 - 3 * 45, 45]);
//!
//! // Each returned pattern carries the semantics, so counting it alone agrees.
//! for (pattern, n) in saker::motifs(&graph, 4, Semantics::EdgeInduced)? {
//!     assert_eq!(saker::count(&graph, &pattern)?, n);
//! }
//! # Ok::<(), saker::Error>(())
//! ```

mod census;
mod esu;
mod local;

use crate::error::{Error, Result};
use crate::exec::{interrupt, Alone, Roots, Share};
use crate::features::orbits;
use crate::graph::Graph;
use crate::pattern::{Pattern, Semantics};
use crate::progress::Work;

use census::Census;

/// Smallest and largest motif size accepted.
pub const MIN_K: usize = 3;
/// Largest motif size accepted (853 patterns; 8 would be 11,117).
pub const MAX_K: usize = 7;

/// How the counts are computed; every method gives the same numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Method {
    /// Equations for `k = 3, 4`, and for `k = 5` unless the graph has few 4-stars
    /// ([`Motifs::count`] then enumerates, which is faster there); enumeration above.
    #[default]
    Auto,
    /// Counting equations over local counts (`k = 3, 4, 5` only).
    Equations,
    /// One enumeration of every connected `k`-vertex set (any `k`).
    Enumerate,
}

/// A motif count request: size, semantics, method and progress reporting.
///
/// ```
/// use saker::apps::motifs::{Method, Motifs};
/// use saker::{Graph, Semantics};
///
/// // A 4-cycle with one chord: a diamond.
/// let graph = Graph::from_edges(4, [(0, 1), (1, 2), (2, 3), (3, 0), (0, 2)])?;
/// let by_equations = Motifs::new(4).count(&graph)?;
/// let by_enumeration = Motifs::new(4).method(Method::Enumerate).count(&graph)?;
/// assert_eq!(by_equations, by_enumeration);
/// // Vertex-induced, only the diamond (the one 4-vertex pattern with 5 edges) occurs.
/// for (p, n) in &by_equations {
///     assert_eq!(*n, u64::from(p.num_edges() == 5), "{p}");
/// }
/// let edge = Motifs::new(4).semantics(Semantics::EdgeInduced).count(&graph)?;
/// // Inside the diamond: 2 3-stars, 6 paths, 4 tailed triangles, a 4-cycle and itself.
/// assert_eq!(edge.iter().map(|(_, n)| n).sum::<u64>(), 2 + 6 + 4 + 1 + 1);
/// # Ok::<(), saker::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Motifs {
    k: usize,
    semantics: Semantics,
    method: Method,
    progress: bool,
}

/// The number of 4-stars below which [`Method::Auto`] enumerates 5-vertex sets
/// ([`Motifs::for_graph`]).
const ENUMERATE_5_BELOW: f64 = 1e7;

impl Motifs {
    /// All connected `k`-vertex patterns, vertex-induced, by the fastest method, silently.
    pub fn new(k: usize) -> Motifs {
        Motifs {
            k,
            semantics: Semantics::VertexInduced,
            method: Method::Auto,
            progress: false,
        }
    }

    /// Vertex-induced (the default) or edge-induced counts.
    pub fn semantics(mut self, semantics: Semantics) -> Motifs {
        self.semantics = semantics;
        self
    }

    /// Forces a counting method.
    pub fn method(mut self, method: Method) -> Motifs {
        self.method = method;
        self
    }

    /// Shows a progress bar on stderr for long runs (see [`crate::progress`]).
    pub fn progress(mut self, enabled: bool) -> Motifs {
        self.progress = enabled;
        self
    }

    /// One `(pattern, count)` per connected `k`-vertex pattern, in the order of
    /// [`crate::pattern::connected`]`(k)`, zero counts included. Each pattern carries the
    /// requested semantics. Runs on the current rayon pool.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `k` outside `3..=7` or [`Method::Equations`] with
    /// `k > 5`; [`Error::Overflow`] when a count exceeds `u64`; [`Error::Interrupted`] /
    /// [`Error::TimedOut`] when stopped through [`crate::exec::interrupt`].
    pub fn count(&self, graph: &Graph) -> Result<Vec<(Pattern, u64)>> {
        let motifs = self.for_graph(graph);
        let sums = motifs.sums_in(graph, Roots::All, &mut Alone)?;
        motifs.finish(sums, false)
    }

    /// These settings with [`Method::Auto`] settled for `graph` where the graph decides it:
    /// 5-vertex equations pay a fixed ~0.05 s to set up their solver, which on a graph with few
    /// connected 5-sets costs more than enumerating them. Their number is estimated by the
    /// 4-stars, Σ_v C(d(v), 4): below [`ENUMERATE_5_BELOW`] enumeration wins (CiteSeer, 4.3·10⁶:
    /// 0.033 s against 0.070 s at 2 threads; ca-GrQc, 2.7·10⁷: 0.24 s against 0.19 s). Every
    /// worker of a distributed run settles it alike, from the same graph.
    pub(crate) fn for_graph(&self, graph: &Graph) -> Motifs {
        let mut settled = self.clone();
        if self.method == Method::Auto && self.k == 5 {
            let stars: f64 = (0..graph.num_vertices() as u32)
                .map(|v| {
                    let d = graph.degree(v) as f64;
                    d * (d - 1.0) * (d - 2.0) * (d - 3.0) / 24.0
                })
                .sum();
            if stars < ENUMERATE_5_BELOW {
                settled.method = Method::Enumerate;
            }
        }
        settled
    }

    /// Per-pattern sums over the connected `k`-vertex sets found from the root vertices in
    /// `roots`: the sums of disjoint shards of roots add up to those of the whole graph, and
    /// [`Motifs::finish`] turns the total into counts (`sharded`: whether the roots were a
    /// shard, which picks the same method in both calls). A shard cannot use the 3- and
    /// 4-vertex equations (they combine global per-edge counts), so it enumerates; the 5-vertex
    /// equations share their intermediate values through `share`.
    pub(crate) fn sums_in<X: Share>(
        &self,
        graph: &Graph,
        roots: Roots,
        share: &mut X,
    ) -> Result<Vec<u128>> {
        let k = self.k;
        let method = self.route(matches!(roots, Roots::Only(_)))?;
        let census = Census::get(k);
        // Orientation and the ESU root rule want low ids on low-degree vertices; motif counts do
        // not depend on the numbering (and shards of the old numbering still partition the new).
        let relabelled;
        let graph = if graph.degrees_ascend() {
            graph
        } else {
            relabelled = graph.relabel_by_degree();
            &relabelled
        };
        let what = format!("{k}-motifs");
        let work = Work::new(self.progress, what.as_str(), graph.num_vertices() as u64);
        let sums: Vec<u128> = match (method, k) {
            (Method::Equations, 3 | 4) => {
                let edge = local::edge_induced(graph, k, census, &work);
                interrupt::check(&what)?;
                census.vertex_from_edge(&edge)?
            }
            (Method::Equations, _) => {
                let sums = by_orbits(graph, census, roots, share)?;
                work.inc(graph.num_vertices() as u64);
                sums
            }
            _ => esu::count(graph, census, roots, &work),
        };
        drop(work);
        interrupt::check(&what)?;
        Ok(sums)
    }

    /// The counts from the total of [`Motifs::sums_in`] over all shards.
    ///
    /// # Errors
    /// [`Error::Overflow`] when a count exceeds `u64`; a bad size or method as
    /// [`Motifs::check`].
    pub(crate) fn finish(&self, sums: Vec<u128>, sharded: bool) -> Result<Vec<(Pattern, u64)>> {
        let k = self.k;
        let census = Census::get(k);
        // Each 5-vertex set adds one to the orbit column of each of its vertices.
        let divisor = match (self.route(sharded)?, k) {
            (Method::Equations, 5) => 5,
            _ => 1,
        };
        let induced = sums.into_iter().map(|n| n / divisor).collect::<Vec<_>>();
        let counts = match self.semantics {
            Semantics::VertexInduced => induced,
            Semantics::EdgeInduced => census.edge_from_vertex(&induced),
        };
        census
            .patterns()
            .iter()
            .zip(counts)
            .map(|(p, n)| {
                let n = u64::try_from(n).map_err(|_| {
                    Error::Overflow(format!("the {} count of the {k}-motif {p}", n))
                })?;
                Ok((p.clone().with_semantics(self.semantics), n))
            })
            .collect()
    }

    /// The method a whole run (`sharded` false) or a shard's run uses.
    fn route(&self, sharded: bool) -> Result<Method> {
        Ok(match self.check()? {
            Method::Equations if sharded && self.k < 5 => Method::Enumerate,
            method => method,
        })
    }
}

impl Motifs {
    /// The method that [`Motifs::count`] will use, or the error it would return for the size
    /// and method asked for (checked without a graph).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `k` outside `3..=7` or [`Method::Equations`] with
    /// `k > 5`.
    pub fn check(&self) -> Result<Method> {
        let k = self.k;
        if !(MIN_K..=MAX_K).contains(&k) {
            return Err(Error::InvalidArgument(format!(
                "motif size k = {k} is not supported; k must be {MIN_K} to {MAX_K}"
            )));
        }
        let method = match self.method {
            Method::Auto if k <= 5 => Method::Equations,
            Method::Auto => Method::Enumerate,
            m => m,
        };
        if method == Method::Equations && k > 5 {
            return Err(Error::InvalidArgument(format!(
                "counting equations exist for k = 3, 4 and 5, not k = {k}; use enumeration"
            )));
        }
        Ok(method)
    }
}

/// Counts every connected `k`-vertex pattern in `graph` (`k = 3..=7`), vertex- or
/// edge-induced; see [`Motifs::count`] and the [module documentation](self).
///
/// # Errors
/// As [`Motifs::count`].
pub fn motifs(graph: &Graph, k: usize, semantics: Semantics) -> Result<Vec<(Pattern, u64)>> {
    Motifs::new(k).semantics(semantics).count(graph)
}

/// Five times the induced 5-vertex counts, from the per-vertex orbit counts of the vertices in
/// `roots`: each occurrence of a graphlet adds one to the orbit column of each of its 5
/// vertices.
fn by_orbits<X: Share>(
    graph: &Graph,
    census: &Census,
    roots: Roots,
    share: &mut X,
) -> Result<Vec<u128>> {
    let matrix = orbits::node_orbits_in(graph, 5, roots, share)?;
    let mut column_sums = vec![0u128; matrix.cols()];
    for v in 0..matrix.rows() {
        for (sum, &c) in column_sums.iter_mut().zip(matrix.row(v)) {
            *sum += u128::from(c);
        }
    }
    Ok(census
        .orbit_columns()?
        .iter()
        .map(|cols| cols.iter().map(|&c| column_sums[c]).sum::<u128>())
        .collect())
}
