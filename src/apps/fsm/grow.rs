//! Growing patterns level by level: the exact domains of every labelled edge from one pass
//! over the graph (the first level, and a filter on every later candidate vertex), and the
//! next level's candidates from the frequent patterns of the last.

use hashbrown::{HashMap, HashSet};

use super::{labelled_edge, orbit_indices, FsmOptions, Mined};
use crate::error::Result;
use crate::graph::{Graph, NO_LABEL};
use crate::pattern::{CanonicalForm, Label, Pattern, Semantics, MAX_VERTICES};

/// For each ordered label pair `(a, b)` present on an edge: the vertices labelled `a` with a
/// neighbour labelled `b`, sorted. These are the domains of the one-edge pattern `a-b`, and
/// every vertex labelled `a` of a larger pattern with a neighbour labelled `b` maps into
/// them (in either semantics: a match restricted to one pattern edge matches that edge).
pub(super) struct EdgeDomains {
    ends: HashMap<(u32, u32), Vec<u32>>,
    /// The keys of `ends`, sorted.
    pairs: Vec<(u32, u32)>,
}

impl EdgeDomains {
    /// One pass over the adjacency lists (vertices without a label take part in nothing).
    pub(super) fn scan(graph: &Graph) -> EdgeDomains {
        let mut ends: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
        let labels = graph.labels().unwrap_or(&[]);
        let mut around = Vec::new();
        for (u, &a) in labels.iter().enumerate() {
            let u = u as u32;
            if a == NO_LABEL {
                continue;
            }
            around.clear();
            around.extend(
                graph
                    .neighbors(u)
                    .iter()
                    .map(|&w| labels[w as usize])
                    .filter(|&b| b != NO_LABEL),
            );
            around.sort_unstable();
            around.dedup();
            for &b in &around {
                ends.entry((a, b)).or_default().push(u);
            }
        }
        let mut pairs: Vec<(u32, u32)> = ends.keys().copied().collect();
        pairs.sort_unstable();
        EdgeDomains { ends, pairs }
    }

    /// Vertices labelled `a` with a neighbour labelled `b` (none for wildcards).
    pub(super) fn ends(&self, a: Label, b: Label) -> &[u32] {
        match (a, b) {
            (Label::Is(a), Label::Is(b)) => self.ends.get(&(a, b)).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// MNI support of the one-edge pattern `a-b`.
    pub(super) fn support(&self, a: Label, b: Label) -> u64 {
        self.ends(a, b).len().min(self.ends(b, a).len()) as u64
    }

    /// The labels `b` for which `a-b` has support at least `support`, ascending.
    fn partners(&self, a: Label, support: u64) -> Vec<u32> {
        let Label::Is(a) = a else { return Vec::new() };
        let first = self.pairs.partition_point(|&(x, _)| x < a);
        self.pairs[first..]
            .iter()
            .take_while(|&&(x, _)| x == a)
            .map(|&(_, b)| b)
            .filter(|&b| self.support(Label::Is(a), Label::Is(b)) >= support)
            .collect()
    }

    /// The first level: every labelled edge with support at least `support`, with its exact
    /// domains, by canonical form.
    pub(super) fn frequent(&self, support: u64) -> Result<Vec<Mined>> {
        let mut level = Vec::new();
        for &(a, b) in self.pairs.iter().filter(|(a, b)| a <= b) {
            let pattern = labelled_edge(a, b)?;
            let found = self.support(Label::Is(a), Label::Is(b));
            if found < support {
                continue;
            }
            let orbit = orbit_indices(&pattern);
            let mut possible = vec![Vec::new(); orbit[1] + 1];
            possible[orbit[0]] = self.ends[&(a, b)].clone();
            possible[orbit[1]] = self.ends[&(b, a)].clone();
            level.push(Mined {
                pattern,
                support: found,
                orbit,
                possible,
            });
        }
        level.sort_by_cached_key(|m| m.pattern.canonical_form());
        Ok(level)
    }
}

/// A pattern of the next level, grown from `level[parent]` by adding `edge` (`(u, v)`, `u <
/// v`; `v` is a new vertex when it equals the parent's vertex count). Vertices keep their ids,
/// so the parent's domains bound the child's.
pub(super) struct Candidate {
    pub(super) pattern: Pattern,
    pub(super) parent: usize,
    pub(super) edge: (usize, usize),
}

/// The next level's candidates, one per isomorphism class, by canonical form: extensions of
/// `level`'s patterns whose edges all have frequent label pairs and, edge-induced, whose
/// connected patterns with one edge fewer are all frequent (anti-monotonicity: otherwise the
/// candidate cannot be frequent either).
pub(super) fn candidates(
    level: &[Mined],
    edges: &EdgeDomains,
    options: &FsmOptions,
) -> Result<Vec<Candidate>> {
    let support = options.support;
    let edge_induced = options.semantics == Semantics::EdgeInduced;
    let frequent: HashSet<CanonicalForm> = if edge_induced {
        level.iter().map(|m| m.pattern.canonical_form()).collect()
    } else {
        HashSet::new()
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (parent, mined) in level.iter().enumerate() {
        let mut grown = Vec::new();
        extend(
            &mined.pattern,
            |a| edges.partners(a, support),
            |a, b| edges.support(a, b) >= support,
            |pattern, edge| grown.push((pattern, edge)),
        )?;
        for (pattern, edge) in grown {
            let form = pattern.canonical_form();
            // Isomorphic extensions pass or fail the test alike: test the first only.
            if !seen.insert(form.clone()) {
                continue;
            }
            if edge_induced && !smaller_all_frequent(&pattern, &frequent)? {
                continue;
            }
            out.push((
                form,
                Candidate {
                    pattern,
                    parent,
                    edge,
                },
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

/// Calls `visit` with every pattern that has one more edge than `pattern` and the edge added:
/// to a new vertex of each label `new_labels` gives for the vertex it hangs from, or between
/// two non-adjacent vertices whose labels `keep_edge` accepts.
pub(super) fn extend(
    pattern: &Pattern,
    new_labels: impl Fn(Label) -> Vec<u32>,
    keep_edge: impl Fn(Label, Label) -> bool,
    mut visit: impl FnMut(Pattern, (usize, usize)),
) -> Result<()> {
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
    for u in 0..k {
        if k < MAX_VERTICES {
            for l in new_labels(pattern.label(u)) {
                visit(rebuild(k + 1, (u, k), Some(l))?, (u, k));
            }
        }
        for v in u + 1..k {
            if !pattern.has_edge(u, v) && keep_edge(pattern.label(u), pattern.label(v)) {
                visit(rebuild(k, (u, v), None)?, (u, v));
            }
        }
    }
    Ok(())
}

/// Whether every connected pattern left after removing one edge of `pattern` (and a vertex
/// it leaves isolated) is in `frequent`.
fn smaller_all_frequent(pattern: &Pattern, frequent: &HashSet<CanonicalForm>) -> Result<bool> {
    let edges = pattern.edges();
    for skip in 0..edges.len() {
        let rest: Vec<(usize, usize)> = edges
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != skip)
            .map(|(_, &e)| e)
            .collect();
        let used = rest.iter().fold(0u32, |m, &(a, b)| m | 1 << a | 1 << b);
        let kept: Vec<usize> = (0..pattern.num_vertices())
            .filter(|&v| used >> v & 1 == 1)
            .collect();
        let renamed = |v: usize| (used & ((1u32 << v) - 1)).count_ones() as usize;
        let rest: Vec<(usize, usize)> = rest
            .iter()
            .map(|&(a, b)| (renamed(a), renamed(b)))
            .collect();
        let mut smaller = Pattern::from_edges(kept.len(), &rest)?;
        for (new, &old) in kept.iter().enumerate() {
            smaller.set_label(new, pattern.label(old))?;
        }
        if smaller.is_connected() && !frequent.contains(&smaller.canonical_form()) {
            return Ok(false);
        }
    }
    Ok(true)
}
