//! Frequent subgraph mining in one labelled graph with minimum-image (MNI) support.
//!
//! The MNI support of a pattern is the least, over its vertices, number of distinct data
//! vertices that vertex is mapped to by some match (its *domain*; Bringmann & Nijssen 2008;
//! GraMi, Peregrine). It is anti-monotone for edge-induced matching: growing a pattern can only
//! shrink its domains, so only frequent patterns are extended. Mining starts from the labelled
//! edges of the graph and grows patterns one edge at a time (to a new vertex, or between two
//! vertices already in the pattern); candidates are deduplicated by canonical form (labels
//! included) and dropped unless every edge's label pair and, edge-induced, every connected
//! pattern one edge smaller is frequent (`grow.rs`).
//!
//! Supports are not computed by listing matches (a frequent pattern can have millions while
//! its domains have hundreds of vertices). Instead, as GraMi does, `support.rs` asks for each
//! pattern vertex and each data vertex it may map to whether *some* match maps it there: a
//! depth-first search that stops at the first match, and whose match also puts its other
//! vertices into their domains for free. Candidate data vertices come from the parent
//! pattern's domains (edge-induced: anti-monotonicity again) and the one-edge patterns'
//! domains, and a vertex stops being tested once the
//! answer is known: its domain reached the threshold, or too few candidates are left to reach
//! it. That is why this app does not run on the [`Program`](crate::program::Program) API,
//! which visits every match.
//!
//! Reported supports are exact: one vertex orbit's domain is counted in full and the others
//! only up to the smallest domain so far. With [`FsmOptions::lower_bounds`] every domain is
//! counted only up to the threshold, so reported supports are lower bounds at least the
//! threshold.
//!
//! ```
//! use saker::apps::fsm::{fsm, FsmOptions};
//! use saker::Graph;
//!
//! // A path 0-1-2-3 labelled 7, 8, 7, 8: the edge 7-8 has MNI support 2 (two 7s, two 8s).
//! let path = Graph::from_edges(4, [(0, 1), (1, 2), (2, 3)])?.with_labels(vec![7, 8, 7, 8])?;
//! let frequent = fsm(&path, &FsmOptions::new(2, 2))?;
//! assert_eq!(frequent.len(), 1);
//! assert_eq!(frequent[0].support, 2);
//! assert_eq!(frequent[0].pattern.num_edges(), 1);
//! # Ok::<(), saker::Error>(())
//! ```

mod grow;
mod support;

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::api::in_pool;
use crate::error::{Error, Result};
use crate::exec::interrupt;
use crate::graph::Graph;
use crate::pattern::{Label, Pattern, Semantics};
use crate::progress::Work;

use grow::EdgeDomains;
use support::Scratch;

/// What to mine.
#[derive(Clone, Debug)]
pub struct FsmOptions {
    /// Largest pattern size in edges (at least 1).
    pub max_edges: usize,
    /// Minimum MNI support (at least 1).
    pub support: u64,
    /// Edge-induced (default) or vertex-induced matching.
    pub semantics: Semantics,
    /// Stop matching a pattern once it is known to be frequent: supports become lower bounds.
    pub lower_bounds: bool,
    /// Worker threads (`None`: rayon's global pool).
    pub threads: Option<usize>,
    /// Show a progress bar over the levels' patterns (CLI).
    pub progress: bool,
}

impl FsmOptions {
    /// Patterns of up to `max_edges` edges with MNI support at least `support`, edge-induced,
    /// exact supports.
    pub fn new(max_edges: usize, support: u64) -> FsmOptions {
        FsmOptions {
            max_edges,
            support,
            semantics: Semantics::EdgeInduced,
            lower_bounds: false,
            threads: None,
            progress: false,
        }
    }
}

/// A frequent pattern and its MNI support (a lower bound with [`FsmOptions::lower_bounds`]).
#[derive(Clone, Debug)]
pub struct Frequent {
    /// The labelled pattern.
    pub pattern: Pattern,
    /// Its support.
    pub support: u64,
}

/// Mines the frequent connected labelled patterns of `graph`, smallest first (by edges, then
/// canonical form).
///
/// # Errors
/// [`Error::InvalidArgument`] for a graph without labels, `support` 0, `max_edges` 0 or
/// above 31, or zero threads; [`Error::Interrupted`] / [`Error::TimedOut`].
pub fn fsm(graph: &Graph, options: &FsmOptions) -> Result<Vec<Frequent>> {
    check(graph, options)?;
    in_pool(options.threads, || mine(graph, options, Measure::Local))?
}

/// Per pattern of a level, per orbit of its vertices ([`orbit_indices`]), the exact sorted
/// domain: the data vertices some match maps that orbit to.
pub type LevelDomains = Vec<Vec<Vec<u32>>>;

/// [`fsm`] with the exact domains of each level's candidate patterns computed by `domains`
/// (a distributed run unions there what its workers' shards found), called once per level
/// after the first; it must return one entry per pattern, in order. Runs on the caller's
/// thread pool.
///
/// # Errors
/// As [`fsm`], and whatever `domains` returns.
pub fn fsm_with<F>(graph: &Graph, options: &FsmOptions, mut domains: F) -> Result<Vec<Frequent>>
where
    F: FnMut(&[Pattern]) -> Result<LevelDomains>,
{
    check(graph, options)?;
    mine(graph, options, Measure::Given(&mut domains))
}

/// The checks [`fsm`] makes before mining.
fn check(graph: &Graph, options: &FsmOptions) -> Result<()> {
    if options.support == 0 {
        return Err(Error::InvalidArgument(
            "the minimum support must be at least 1".into(),
        ));
    }
    if !(1..=31).contains(&options.max_edges) {
        return Err(Error::InvalidArgument(format!(
            "the largest pattern size must be between 1 and 31 edges, not {}",
            options.max_edges
        )));
    }
    if graph.labels().is_none() {
        return Err(Error::InvalidArgument(
            "frequent subgraph mining needs vertex labels (--labels FILE, or a labelled format \
             such as .lg)"
                .into(),
        ));
    }
    Ok(())
}

/// How a level's candidates are measured.
enum Measure<'a> {
    /// Existence checks on this graph, stopping once the support is settled.
    Local,
    /// Exact domains from the caller ([`fsm_with`]).
    Given(&'a mut dyn FnMut(&[Pattern]) -> Result<LevelDomains>),
}

/// A frequent pattern with what its extensions start from: for each vertex orbit, a sorted
/// superset of the orbit's domain (exactly the domain where it was counted in full).
struct Mined {
    pattern: Pattern,
    support: u64,
    /// The orbit of each pattern vertex ([`orbit_indices`]).
    orbit: Vec<usize>,
    /// Per orbit: the data vertices its vertices may map to.
    possible: Vec<Vec<u32>>,
}

impl Mined {
    /// `pattern` with its exact per-orbit `domains`, if its support reaches `support`.
    fn from_domains(pattern: Pattern, domains: Vec<Vec<u32>>, support: u64) -> Option<Mined> {
        let found = domains.iter().map(|d| d.len() as u64).min().unwrap_or(0);
        (found >= support).then(|| Mined {
            orbit: orbit_indices(&pattern),
            pattern,
            support: found,
            possible: domains,
        })
    }

    /// Data vertices pattern vertex `v` may map to (every vertex of its domain among them).
    fn possible(&self, v: usize) -> &[u32] {
        &self.possible[self.orbit[v]]
    }
}

/// The level-by-level search; runs inside the caller's thread pool.
fn mine(graph: &Graph, options: &FsmOptions, mut measure: Measure) -> Result<Vec<Frequent>> {
    let edges = EdgeDomains::scan(graph);
    let mut level = edges.frequent(options.support)?;
    let mut frequent = Vec::new();
    for size in 1..=options.max_edges {
        if size > 1 {
            let candidates = grow::candidates(&level, &edges, options)?;
            let measured: Vec<Option<Mined>> = match &mut measure {
                Measure::Local => {
                    let work = Work::new(
                        options.progress,
                        format!("{size}-edge patterns"),
                        candidates.len() as u64,
                    );
                    candidates
                        .par_iter()
                        .map_init(
                            || Scratch::new(graph.num_vertices()),
                            |scratch, candidate| {
                                let mined =
                                    scratch.measure(graph, candidate, &level, &edges, options);
                                work.inc(1);
                                mined
                            },
                        )
                        .collect()
                }
                Measure::Given(domains) => {
                    let patterns: Vec<Pattern> =
                        candidates.iter().map(|c| c.pattern.clone()).collect();
                    let found = domains(&patterns)?;
                    if found.len() != patterns.len() {
                        return Err(Error::InvalidArgument(format!(
                            "{} domain lists for {} candidate patterns",
                            found.len(),
                            patterns.len()
                        )));
                    }
                    patterns
                        .into_iter()
                        .zip(found)
                        .map(|(p, d)| Mined::from_domains(p, d, options.support))
                        .collect()
                }
            };
            interrupt::check("frequent subgraph mining")?;
            level = measured.into_iter().flatten().collect();
        }
        frequent.extend(level.iter().map(|m| Frequent {
            pattern: m.pattern.clone(),
            support: m.support,
        }));
        if level.is_empty() {
            break;
        }
    }
    Ok(frequent)
}

/// Every labelled edge `a-b` with `a ≤ b` over `labels`.
pub fn seed_edges(labels: &BTreeSet<u32>) -> Result<Vec<Pattern>> {
    let mut level = Vec::new();
    for &a in labels {
        for &b in labels.range(a..) {
            level.push(labelled_edge(a, b)?);
        }
    }
    Ok(level)
}

/// The one-edge pattern `0:a-1:b`.
fn labelled_edge(a: u32, b: u32) -> Result<Pattern> {
    let mut edge = Pattern::from_edges(2, &[(0, 1)])?;
    edge.set_label(0, Label::Is(a))?;
    edge.set_label(1, Label::Is(b))?;
    Ok(edge)
}

/// Every pattern with one more edge: to a new vertex of any of `labels`, or between two
/// vertices of `pattern` that are not adjacent. Contains isomorphic duplicates.
pub fn extensions(pattern: &Pattern, labels: &BTreeSet<u32>) -> Result<Vec<Pattern>> {
    let mut out = Vec::new();
    grow::extend(
        pattern,
        |_| labels.iter().copied().collect(),
        |_, _| true,
        |grown, _| out.push(grown),
    )?;
    Ok(out)
}

/// Each vertex's orbit under the pattern's automorphisms, numbered `0..orbits`.
pub fn orbit_indices(pattern: &Pattern) -> Vec<usize> {
    let orbit = pattern.vertex_orbits();
    let mut ids = orbit.clone();
    ids.sort_unstable();
    ids.dedup();
    orbit
        .iter()
        .map(|o| ids.partition_point(|x| x < o))
        .collect()
}
