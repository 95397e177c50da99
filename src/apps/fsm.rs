//! Frequent subgraph mining in one labelled graph with minimum-image (MNI) support.
//!
//! The MNI support of a pattern is the least, over its vertices, number of distinct data
//! vertices that vertex is mapped to by some match (Bringmann & Nijssen 2008; GraMi, Peregrine).
//! It is anti-monotone for edge-induced matching: growing a pattern can only shrink its
//! domains, so only frequent patterns are extended. Mining starts from every labelled edge and
//! grows patterns one edge at a time (to a new vertex of any label present, or between two
//! vertices already in the pattern); candidates are deduplicated by canonical form (labels
//! included). Each level is one [`Program`] over all its candidates whose aggregate holds, per
//! pattern and vertex orbit, the set of data vertices seen (automorphic vertices have equal
//! domains, so one set serves an orbit).
//!
//! With [`FsmOptions::lower_bounds`], a pattern stops being matched as soon as the running
//! aggregate shows it frequent ([`Control::skip_pattern`]): the reported supports are then lower
//! bounds at least the threshold, and dense graphs mine much faster.
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

use std::collections::BTreeSet;

use hashbrown::{HashMap, HashSet};

use crate::error::{Error, Result};
use crate::graph::{Graph, NO_LABEL};
use crate::pattern::{Label, Pattern, Semantics};
use crate::program::{Aggregate, Control, Match, Program};

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

/// The data vertices one pattern orbit was mapped to: a bitmap over all vertices where a
/// level's bitmaps fit [`BITMAP_BUDGET`] (one bit set per match vertex), a hash set otherwise.
#[derive(Clone)]
enum Domain {
    Bits { words: Vec<u64>, len: usize },
    Hash(HashSet<u32>),
}

/// Bytes a worker may spend on the bitmaps of one level.
const BITMAP_BUDGET: usize = 64 << 20;

impl Domain {
    fn new(n: usize, bitmap: bool) -> Domain {
        if bitmap {
            Domain::Bits {
                words: vec![0; n.div_ceil(64)],
                len: 0,
            }
        } else {
            Domain::Hash(HashSet::new())
        }
    }

    #[inline]
    fn insert(&mut self, x: u32) {
        match self {
            Domain::Bits { words, len } => {
                let (w, bit) = (x as usize / 64, 1u64 << (x % 64));
                *len += usize::from(words[w] & bit == 0);
                words[w] |= bit;
            }
            Domain::Hash(set) => {
                set.insert(x);
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Domain::Bits { len, .. } => *len,
            Domain::Hash(set) => set.len(),
        }
    }

    fn union(&mut self, other: Domain) {
        match (self, other) {
            (Domain::Bits { words, len }, Domain::Bits { words: theirs, .. }) => {
                for (a, b) in words.iter_mut().zip(theirs) {
                    *a |= b;
                }
                *len = words.iter().map(|w| w.count_ones() as usize).sum();
            }
            (Domain::Hash(a), Domain::Hash(b)) => a.extend(b),
            // The domains of one level share a representation; mixing still works.
            (mine, theirs) => {
                for x in theirs.members() {
                    mine.insert(x);
                }
            }
        }
    }

    fn members(self) -> Vec<u32> {
        match self {
            Domain::Bits { words, .. } => (0..words.len() * 64)
                .filter(|&i| words[i / 64] >> (i % 64) & 1 == 1)
                .map(|i| i as u32)
                .collect(),
            Domain::Hash(set) => set.into_iter().collect(),
        }
    }
}

/// Per pattern of a level (by index; empty until matched): one domain per vertex orbit; and
/// the matches folded in.
#[derive(Default)]
struct Domains {
    sets: Vec<Vec<Domain>>,
    matches: u64,
}

impl Aggregate for Domains {
    fn merge(&mut self, other: Domains) {
        self.matches += other.matches;
        if self.sets.len() < other.sets.len() {
            self.sets.resize_with(other.sets.len(), Vec::new);
        }
        for (mine, theirs) in self.sets.iter_mut().zip(other.sets) {
            if mine.is_empty() {
                *mine = theirs;
            } else {
                for (a, b) in mine.iter_mut().zip(theirs) {
                    a.union(b);
                }
            }
        }
    }
}

impl Domains {
    fn support(&self, p: usize) -> u64 {
        self.sets.get(p).map_or(0, |sets| {
            sets.iter().map(Domain::len).min().unwrap_or(0) as u64
        })
    }
}

/// Mines the frequent connected labelled patterns of `graph`, smallest first (by edges, then
/// canonical form).
///
/// # Errors
/// [`Error::InvalidArgument`] for a graph without labels, `support` 0 or `max_edges` 0 or
/// above 31; [`Error::Interrupted`] / [`Error::TimedOut`].
pub fn fsm(graph: &Graph, options: &FsmOptions) -> Result<Vec<Frequent>> {
    fsm_with(graph, options, |level| {
        level_supports(graph, level, options)
    })
}

/// [`fsm`] with the MNI supports of each level's candidates computed by `supports` (a
/// distributed run merges the domains of all its workers there); it must return one support
/// per pattern, in order.
///
/// # Errors
/// As [`fsm`], and whatever `supports` returns.
pub fn fsm_with<F>(graph: &Graph, options: &FsmOptions, mut supports: F) -> Result<Vec<Frequent>>
where
    F: FnMut(&[Pattern]) -> Result<Vec<u64>>,
{
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
    let labels = graph_labels(graph)?;
    let mut level = seed_edges(&labels)?;
    let mut frequent = Vec::new();
    for edges in 1..=options.max_edges {
        if level.is_empty() {
            break;
        }
        let supports = supports(&level)?;
        let mut next: HashMap<_, Pattern> = HashMap::new();
        for (pattern, support) in level.into_iter().zip(supports) {
            if support < options.support {
                continue;
            }
            if edges < options.max_edges {
                for grown in extensions(&pattern, &labels)? {
                    next.entry(grown.canonical_form()).or_insert(grown);
                }
            }
            frequent.push(Frequent { pattern, support });
        }
        level = next.into_values().collect();
        level.sort_by_cached_key(Pattern::canonical_form);
    }
    Ok(frequent)
}

/// The distinct labels of `graph` (vertices without a label take part in no pattern).
fn graph_labels(graph: &Graph) -> Result<BTreeSet<u32>> {
    let labels = graph.labels().ok_or_else(|| {
        Error::InvalidArgument(
            "frequent subgraph mining needs vertex labels (--labels FILE, or a labelled format \
             such as .lg)"
                .into(),
        )
    })?;
    Ok(labels.iter().copied().filter(|&l| l != NO_LABEL).collect())
}

/// Every labelled edge `a-b` with `a ≤ b`: the first level.
pub fn seed_edges(labels: &BTreeSet<u32>) -> Result<Vec<Pattern>> {
    let mut level = Vec::new();
    for &a in labels {
        for &b in labels.range(a..) {
            let mut edge = Pattern::from_edges(2, &[(0, 1)])?;
            edge.set_label(0, Label::Is(a))?;
            edge.set_label(1, Label::Is(b))?;
            level.push(edge);
        }
    }
    Ok(level)
}

/// Every pattern with one more edge: to a new vertex of any of `labels`, or between two
/// vertices of `pattern` that are not adjacent. Contains isomorphic duplicates.
pub fn extensions(pattern: &Pattern, labels: &BTreeSet<u32>) -> Result<Vec<Pattern>> {
    let k = pattern.num_vertices();
    let rebuild = |k_new: usize, extra: (usize, usize), label: Option<u32>| -> Result<Pattern> {
        let mut edges = pattern.edges();
        edges.push(extra);
        let mut grown = Pattern::from_edges(k_new, &edges)?;
        for v in 0..k {
            grown.set_label(v, pattern.label(v))?;
        }
        if let Some(l) = label {
            grown.set_label(k, Label::Is(l))?;
        }
        Ok(grown)
    };
    let mut out = Vec::new();
    for u in 0..k {
        if k < 32 {
            for &l in labels {
                out.push(rebuild(k + 1, (u, k), Some(l))?);
            }
        }
        for v in u + 1..k {
            if !pattern.has_edge(u, v) {
                out.push(rebuild(k, (u, v), None)?);
            }
        }
    }
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

/// The MNI support of every pattern of one level, in one program.
fn level_supports(graph: &Graph, level: &[Pattern], options: &FsmOptions) -> Result<Vec<u64>> {
    let orbits: Vec<Vec<usize>> = level.iter().map(orbit_indices).collect();
    let mut program = Program::new(level.iter().cloned())
        .semantics(options.semantics)
        .progress(options.progress);
    if let Some(t) = options.threads {
        program = program.threads(t);
    }
    let support = options.support;
    let lower_bounds = options.lower_bounds;
    let n = graph.num_vertices();
    let orbit_total: usize = orbits
        .iter()
        .map(|o| o.iter().max().map_or(0, |&m| m + 1))
        .sum();
    let bitmap = orbit_total.saturating_mul(n.div_ceil(8)) <= BITMAP_BUDGET;
    let out = program.run(
        graph,
        |m: &Match, domains: &mut Domains, ctl: &Control<Domains>| {
            let p = m.pattern();
            let orbit = &orbits[p];
            domains.matches += 1;
            if domains.sets.len() <= p {
                domains.sets.resize_with(p + 1, Vec::new);
            }
            let sets = &mut domains.sets[p];
            if sets.is_empty() {
                let count = orbit.iter().max().map_or(0, |&o| o + 1);
                *sets = vec![Domain::new(n, bitmap); count];
            }
            for (v, &x) in m.vertices().iter().enumerate() {
                sets[orbit[v]].insert(x);
            }
            if lower_bounds {
                // This worker's domains are subsets of the global ones; the shared running
                // aggregate (behind a lock) is read only now and then.
                let mine = sets.iter().map(Domain::len).min().unwrap_or(0) as u64;
                let shared =
                    || domains.matches % 1024 == 0 && ctl.read(|all| all.support(p)) >= support;
                if mine >= support || shared() {
                    ctl.skip_pattern();
                }
            }
        },
    )?;
    Ok((0..level.len()).map(|p| out.value.support(p)).collect())
}
