//! The MNI support of one candidate pattern by existence checks instead of listing matches.
//!
//! For each vertex orbit of the pattern and each data vertex the orbit may map to, a
//! depth-first search looks for one match that maps the orbit's first vertex there and stops
//! at the first it finds. Every vertex of that match joins its own orbit's domain, so most
//! later checks are answered before they are asked. A data vertex that has no such match is
//! dropped from the orbit's allowed vertices, which prunes the searches that follow. An orbit
//! is done once its domain reaches the cap (the threshold, or in exact mode the smallest
//! domain counted so far) and the pattern is dropped once too few candidates are left for
//! some orbit to reach the threshold.

use super::grow::{Candidate, EdgeDomains};
use super::{orbit_indices, FsmOptions, Mined};
use crate::exec::{interrupt, setops};
use crate::graph::Graph;
use crate::pattern::{Pattern, Semantics, MAX_VERTICES};

/// A set of data vertices as a bitmap over all of them.
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    #[inline]
    fn has(&self, v: u32) -> bool {
        self.0[v as usize / 64] >> (v % 64) & 1 == 1
    }

    /// Adds `v`; whether it was new.
    #[inline]
    fn insert(&mut self, v: u32) -> bool {
        let (word, bit) = (&mut self.0[v as usize / 64], 1u64 << (v % 64));
        let new = *word & bit == 0;
        *word |= bit;
        new
    }

    #[inline]
    fn remove(&mut self, v: u32) {
        self.0[v as usize / 64] &= !(1u64 << (v % 64));
    }
}

/// One worker's bitmaps, reused across patterns and left empty after each: per pattern vertex
/// the data vertices it may map to, per orbit those found in its domain.
pub(super) struct Scratch {
    n: usize,
    allowed: Vec<Bits>,
    found: Vec<Bits>,
}

impl Scratch {
    /// Bitmaps for a graph of `n` vertices (allocated as patterns need them).
    pub(super) fn new(n: usize) -> Scratch {
        Scratch {
            n,
            allowed: Vec::new(),
            found: Vec::new(),
        }
    }

    /// `candidate` with its support and domains if it is frequent; `None` if not, or when an
    /// interrupt was requested (the caller checks).
    pub(super) fn measure(
        &mut self,
        graph: &Graph,
        candidate: &Candidate,
        level: &[Mined],
        edges: &EdgeDomains,
        options: &FsmOptions,
    ) -> Option<Mined> {
        if interrupt::requested() {
            return None;
        }
        let pattern = &candidate.pattern;
        let orbit = orbit_indices(pattern);
        let sets = candidate_sets(candidate, &level[candidate.parent], &orbit, edges, options);
        if sets.iter().any(|s| (s.len() as u64) < options.support) {
            return None;
        }
        let k = pattern.num_vertices();
        let n = self.n;
        while self.allowed.len() < k {
            self.allowed.push(Bits::new(n));
        }
        while self.found.len() < sets.len() {
            self.found.push(Bits::new(n));
        }
        for (v, &o) in orbit.iter().enumerate() {
            for &x in &sets[o] {
                self.allowed[v].insert(x);
            }
        }
        let counted = self.count(graph, pattern, &orbit, &sets, options);
        for (v, &o) in orbit.iter().enumerate() {
            for &x in &sets[o] {
                self.allowed[v].remove(x);
            }
        }
        for (o, set) in sets.iter().enumerate() {
            for &x in set {
                self.found[o].remove(x);
            }
        }
        let (support, possible) = counted?;
        Some(Mined {
            pattern: pattern.clone(),
            support,
            orbit,
            possible,
        })
    }

    /// The support (exact, or a lower bound at least the threshold) and per orbit the
    /// candidates not ruled out, or `None` for an infrequent pattern. `allowed` holds `sets`.
    fn count(
        &mut self,
        graph: &Graph,
        pattern: &Pattern,
        orbit: &[usize],
        sets: &[Vec<u32>],
        options: &FsmOptions,
    ) -> Option<(u64, Vec<Vec<u32>>)> {
        let threshold = options.support;
        let mut counts = vec![0u64; sets.len()];
        let mut support = u64::MAX;
        let mut possible = vec![Vec::new(); sets.len()];
        // Small candidate sets first: they settle the exact minimum (and the cap) soonest.
        let mut order: Vec<usize> = (0..sets.len()).collect();
        order.sort_by_key(|&o| sets[o].len());
        let sizes: Vec<usize> = orbit.iter().map(|&o| sets[o].len()).collect();
        let mut mapped = [0u32; MAX_VERTICES];
        for o in order {
            let members: Vec<usize> = (0..orbit.len()).filter(|&v| orbit[v] == o).collect();
            let search = Search::new(graph, pattern, members[0], options.semantics, &sizes);
            let cap = if options.lower_bounds {
                threshold
            } else {
                support
            };
            let mut left = sets[o].len() as u64;
            // Loaders number vertices by ascending degree: hubs, tried first, match most often.
            for &x in sets[o].iter().rev() {
                if counts[o] >= cap {
                    break;
                }
                if self.found[o].has(x) {
                    continue;
                }
                if interrupt::requested() {
                    return None;
                }
                if search.find(x, &self.allowed, &mut mapped) {
                    for (i, &y) in mapped[..search.steps.len()].iter().enumerate() {
                        let p = orbit[search.steps[i].vertex];
                        counts[p] += u64::from(self.found[p].insert(y));
                    }
                } else {
                    left -= 1;
                    if left < threshold {
                        return None;
                    }
                    for &v in &members {
                        self.allowed[v].remove(x);
                    }
                }
            }
            support = support.min(counts[o]);
            possible[o] = sets[o]
                .iter()
                .copied()
                .filter(|&x| self.allowed[members[0]].has(x))
                .collect();
        }
        Some((support, possible))
    }
}

/// Per orbit of `candidate`, sorted data vertices its vertices may map to: every vertex's set
/// is its domain in the parent (edge-induced only: vertex-induced matches of the child need
/// not restrict to matches of the parent) narrowed by the one-edge domains of its new edges
/// (of all its edges where nothing is inherited); an orbit takes the intersection of its
/// vertices' sets, since automorphic vertices have equal domains.
fn candidate_sets(
    candidate: &Candidate,
    parent: &Mined,
    orbit: &[usize],
    edges: &EdgeDomains,
    options: &FsmOptions,
) -> Vec<Vec<u32>> {
    let pattern = &candidate.pattern;
    let k = pattern.num_vertices();
    let inherits = options.semantics == Semantics::EdgeInduced;
    let mut scratch = Vec::new();
    let mut sets: Vec<Option<Vec<u32>>> = vec![None; orbit.iter().max().map_or(0, |&o| o + 1)];
    for v in 0..k {
        let inherited = inherits && v < parent.pattern.num_vertices();
        let mut set: Option<Vec<u32>> = inherited.then(|| parent.possible(v).to_vec());
        for w in (0..k).filter(|&w| pattern.has_edge(v, w)) {
            if inherited && (v.min(w), v.max(w)) != candidate.edge {
                continue;
            }
            let ends = edges.ends(pattern.label(v), pattern.label(w));
            set = Some(match set {
                None => ends.to_vec(),
                Some(mine) => {
                    setops::intersect_into(&mine, ends, &mut scratch);
                    scratch.clone()
                }
            });
        }
        let set = set.unwrap_or_default();
        let slot = &mut sets[orbit[v]];
        *slot = Some(match slot.take() {
            None => set,
            Some(mine) => {
                setops::intersect_into(&mine, &set, &mut scratch);
                scratch.clone()
            }
        });
    }
    sets.into_iter().map(Option::unwrap_or_default).collect()
}

/// One step of a search: the pattern vertex placed, and which earlier steps' vertices it must
/// be adjacent to (`back`) or, vertex-induced, not adjacent to (`apart`), as bitmasks.
struct Step {
    vertex: usize,
    back: u32,
    apart: u32,
}

/// A depth-first search for one match with a given root vertex: each later vertex is drawn
/// from the neighbours of an already placed one.
struct Search<'a> {
    graph: &'a Graph,
    steps: Vec<Step>,
}

impl<'a> Search<'a> {
    /// Order: from `root`, always the vertex with the most placed neighbours next, the one
    /// with fewer candidates (`sizes`) on ties.
    fn new(
        graph: &'a Graph,
        pattern: &Pattern,
        root: usize,
        semantics: Semantics,
        sizes: &[usize],
    ) -> Search<'a> {
        let k = pattern.num_vertices();
        // Step index of each placed pattern vertex.
        let mut position = [0usize; MAX_VERTICES];
        let mut placed = 1u32 << root;
        let mut steps = vec![Step {
            vertex: root,
            back: 0,
            apart: 0,
        }];
        while steps.len() < k {
            let next = (0..k)
                .filter(|&v| placed >> v & 1 == 0)
                .max_by_key(|&v| {
                    let links = (pattern.neighbor_mask(v) & placed).count_ones();
                    (links, std::cmp::Reverse(sizes[v]))
                })
                .expect("fewer steps than vertices");
            let to_positions = |mask: u32| {
                (0..k)
                    .filter(|&u| mask >> u & 1 == 1)
                    .fold(0u32, |m, u| m | 1 << position[u])
            };
            let back = to_positions(pattern.neighbor_mask(next) & placed);
            let apart = match semantics {
                Semantics::VertexInduced => to_positions(!pattern.neighbor_mask(next) & placed),
                Semantics::EdgeInduced => 0,
            };
            steps.push(Step {
                vertex: next,
                back,
                apart,
            });
            position[next] = steps.len() - 1;
            placed |= 1 << next;
        }
        Search { graph, steps }
    }

    /// Whether some match maps the root to `x`; if so `mapped[i]` holds step `i`'s vertex.
    fn find(&self, x: u32, allowed: &[Bits], mapped: &mut [u32; MAX_VERTICES]) -> bool {
        mapped[0] = x;
        self.place(1, allowed, mapped)
    }

    fn place(&self, i: usize, allowed: &[Bits], mapped: &mut [u32; MAX_VERTICES]) -> bool {
        let Some(step) = self.steps.get(i) else {
            return true;
        };
        let graph = self.graph;
        // Draw from the placed neighbour with the fewest neighbours.
        let anchor = positions(step.back)
            .min_by_key(|&j| graph.degree(mapped[j]))
            .expect("connected patterns: every later step has a placed neighbour");
        let others = step.back & !(1 << anchor);
        let allowed_here = &allowed[step.vertex];
        for &y in graph.neighbors(mapped[anchor]) {
            if !allowed_here.has(y)
                || mapped[..i].contains(&y)
                || positions(others).any(|j| !graph.has_edge(mapped[j], y))
                || positions(step.apart).any(|j| graph.has_edge(mapped[j], y))
            {
                continue;
            }
            mapped[i] = y;
            if self.place(i + 1, allowed, mapped) {
                return true;
            }
        }
        false
    }
}

/// The set bits of `mask`, lowest first.
fn positions(mut mask: u32) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let j = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            j
        })
    })
}
