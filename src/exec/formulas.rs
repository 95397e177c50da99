//! Counting formulas for patterns whose matches need not be enumerated one by one.
//!
//! A house (a 4-cycle `b-c-d-e` with a roof vertex `a` on the edge `b-c`) has exactly one
//! triangle and one 4-cycle, sharing one edge. So every house is counted once by choosing an
//! edge `e`, a 4-cycle through `e` and a triangle apex on `e`: `Σ_e C4(e) · T(e)`, where `C4(e)`
//! and `T(e)` are the numbers of 4-cycles and triangles containing `e`. The choices where the
//! apex is a vertex of the cycle are exactly the cycles with a chord, and each diamond (a
//! 4-cycle with one chord; a 4-clique holds six) is counted once from each of its four cycle
//! edges, so
//!
//! ```text
//! houses = Σ_e C4(e) · T(e) − 4 · diamonds,   diamonds = Σ_e C(T(e), 2).
//! ```
//!
//! `C4(e)` comes from one pass over the wedges that go up in the (degree, id) ranking from each
//! vertex (the 4-cycle counting pass, which finds each cycle once from its lowest vertex), adding
//! to the two edges of each wedge the number of other wedges that close it into a cycle. `T(e)`
//! comes from listing each triangle once on the id-oriented graph and bumping its three edges.
//! Both cost about as much as counting 4-cycles, against the enumeration of every house that a
//! depth-first plan needs.
//!
//! The same triangle listing gives the two 4-vertex patterns made of a triangle and one more
//! vertex: diamonds are `Σ_e C(T(e), 2)`, and each triangle `{a, b, c}` grows
//! `d(a) + d(b) + d(c) − 6` tailed triangles.
//!
//! 5-cycles come from closed walks. A closed walk of length 5 that is not a 5-cycle runs around
//! a triangle and spends its other two steps either going around the triangle's edges again or
//! stepping out along an edge and back; counting those gives (Harary & Manvel 1971)
//!
//! ```text
//! 5-cycles = (tr(A⁵) − 30·T − 10·Σ_v (d(v) − 2)·t(v)) / 10,
//! ```
//!
//! with `T` the triangles and `t(v)` those at `v`. `tr(A⁵) = Σ_u Σ_w A²[u,w] · (A·A²[u])[w]`
//! needs, per vertex `u`, its row of `A²` (the wedges from `u`, in a dense counter) and one
//! scan of the neighbour lists of the vertices two steps away; `t(u)` falls out of the same
//! row. That is a fixed amount of work per 2-hop neighbourhood, however many 5-cycles there are
//! (8.8·10¹⁰ on ca-HepPh), where enumeration pays for each one.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::exec::{interrupt, PARALLEL_FROM_EDGES};
use crate::graph::Graph;

/// The number of (not necessarily induced) houses in `graph`.
pub(crate) fn house_count(graph: &Graph) -> u128 {
    let c4 = four_cycles_per_slot(graph);
    let triangles = triangles_per_slot(graph);
    let offsets = graph.offsets();
    (0..graph.num_vertices() as u32)
        .into_par_iter()
        .with_max_len(64)
        .map(|a| {
            if interrupt::requested() {
                return 0;
            }
            let na = graph.neighbors(a);
            let base = offsets[a as usize] as usize;
            let first = na.partition_point(|&b| b <= a);
            let mut total: i128 = 0;
            for (i, &b) in na.iter().enumerate().skip(first) {
                let t = triangles[base + i] as i128;
                if t == 0 {
                    continue;
                }
                let nb = graph.neighbors(b);
                let back = offsets[b as usize] as usize + nb.partition_point(|&x| x < a);
                let cycles =
                    c4[base + i].load(Ordering::Relaxed) + c4[back].load(Ordering::Relaxed);
                total += cycles as i128 * t - 2 * t * (t - 1);
            }
            total
        })
        .sum::<i128>()
        .max(0) as u128
}

/// The number of diamonds (two triangles sharing an edge): `Σ_e C(T(e), 2)`.
pub(crate) fn diamond_count(graph: &Graph) -> u128 {
    let pairs = |t: u32| u128::from(t) * u128::from(t.saturating_sub(1)) / 2;
    if graph.num_edges() < PARALLEL_FROM_EDGES {
        return triangles_per_slot(graph).into_iter().map(pairs).sum();
    }
    let oriented = Oriented::new(graph);
    (0..graph.num_vertices() as u32)
        .into_par_iter()
        .with_max_len(64)
        .map_init(
            || (vec![0u32; graph.num_vertices()], Vec::new()),
            |(mark, local), v| {
                upward_triangles(&oriented, v, mark, local);
                local.iter().map(|&t| pairs(t)).sum::<u128>()
            },
        )
        .sum()
}

/// The number of tailed triangles (a triangle plus an edge from one corner to a fourth
/// vertex): each triangle `{a, b, c}` grows a tail from `a` in `d(a) − 2` ways.
pub(crate) fn tailed_triangle_count(graph: &Graph) -> u128 {
    let oriented = Oriented::new(graph);
    let degree = |v: u32| graph.degree(v) as u128;
    (0..graph.num_vertices() as u32)
        .into_par_iter()
        .with_max_len(64)
        .map_init(
            || vec![0u32; graph.num_vertices()],
            |mark, v| {
                let mut total = 0;
                with_higher_marked(&oriented, v, mark, |mark| {
                    triangles_from(&oriented, v, mark, |[u, w], _| {
                        total += degree(v) + degree(u) + degree(w) - 6;
                    })
                });
                total
            },
        )
        .sum()
}

/// `T(e)` for every edge, kept at the edge's position in its lower endpoint's adjacency list
/// (by id); the other position holds 0.
///
/// A small graph's triangles are listed once each on the calling thread, each bumping its
/// three edges: a third of the scanning of the parallel way, in which every vertex finds the
/// triangles on its own upward edges alone so that no two threads write the same slot, and no
/// hand-off to the pool (ca-GrQc diamonds, 2 threads: 0.6-0.7 ms in parallel, about 0.3 ms
/// listed).
fn triangles_per_slot(graph: &Graph) -> Vec<u32> {
    if graph.num_edges() < PARALLEL_FROM_EDGES {
        return triangles_listed_per_slot(graph);
    }
    let oriented = Oriented::new(graph);
    let offsets = graph.offsets();
    let mut slots = vec![0u32; graph.adjacency().len()];
    // Each vertex's slots are its own contiguous range of the adjacency.
    let mut lists: Vec<&mut [u32]> = Vec::with_capacity(graph.num_vertices());
    let mut rest = slots.as_mut_slice();
    for v in 0..graph.num_vertices() {
        let (list, tail) = rest.split_at_mut((offsets[v + 1] - offsets[v]) as usize);
        lists.push(list);
        rest = tail;
    }
    lists
        .into_par_iter()
        .enumerate()
        .with_max_len(64)
        .for_each_init(
            || (vec![0u32; graph.num_vertices()], Vec::new()),
            |(mark, local), (v, list)| {
                upward_triangles(&oriented, v as u32, mark, local);
                list[oriented.first(v as u32)..].copy_from_slice(local);
            },
        );
    slots
}

/// `T(e)` for every edge at both of its adjacency slots (the per-edge triangles behind the
/// orbit equations): [`triangles_per_slot`], then one pass copying each edge's count to its
/// slot in the higher endpoint's list.
pub(crate) fn edge_triangles(graph: &Graph) -> Vec<u32> {
    let mut slots = triangles_per_slot(graph);
    let offsets = graph.offsets();
    let first = graph.first_higher();
    // Visiting the lower endpoints `v` in ascending order meets each `u`'s lower neighbours in
    // ascending order too, which is their order in `u`'s list: a cursor per vertex finds them.
    let mut lower_seen = vec![0u32; graph.num_vertices()];
    for v in 0..graph.num_vertices() {
        let up = offsets[v] as usize + first[v] as usize;
        for (i, &u) in graph.neighbors(v as u32)[first[v] as usize..]
            .iter()
            .enumerate()
        {
            let seen = &mut lower_seen[u as usize];
            slots[offsets[u as usize] as usize + *seen as usize] = slots[up + i];
            *seen += 1;
        }
    }
    slots
}

/// [`triangles_per_slot`] by listing each triangle once, on the calling thread.
fn triangles_listed_per_slot(graph: &Graph) -> Vec<u32> {
    let oriented = Oriented::new(graph);
    let offsets = graph.offsets();
    let up = |v: u32| offsets[v as usize] as usize + oriented.first(v);
    let mut slots = vec![0u32; graph.adjacency().len()];
    let mut mark = vec![0u32; graph.num_vertices()];
    for v in 0..graph.num_vertices() as u32 {
        with_higher_marked(&oriented, v, &mut mark, |mark| {
            triangles_from(&oriented, v, mark, |[u, _], [vu, vw, uw]| {
                slots[up(v) + vu] += 1;
                slots[up(v) + vw] += 1;
                slots[up(u) + uw] += 1;
            })
        });
    }
    slots
}

/// Sets `local[i]` to the number of triangles on the edge from `v` to its `i`-th higher
/// neighbour. `mark` is an all-zero scratch array of one entry per vertex, left all zero.
///
/// Every triangle on an edge `v–y` with `v < y` has `v` as its lowest or its middle vertex, so
/// `v` finds them all from its own neighbourhood, writing nothing outside `local`: no atomic
/// adds, which cost more than the listing itself.
fn upward_triangles(oriented: &Oriented, v: u32, mark: &mut [u32], local: &mut Vec<u32>) {
    local.clear();
    local.resize(oriented.higher(v).len(), 0);
    with_higher_marked(oriented, v, mark, |mark| {
        // v lowest: v < u < w; both the edges v–u and v–w are v's.
        triangles_from(oriented, v, mark, |_, [vu, vw, _]| {
            local[vu] += 1;
            local[vw] += 1;
        });
        // v middle: c < v < w with c adjacent to both. The higher neighbours of c up to v
        // are unmarked, so scanning all of them needs no search for v.
        let nv = oriented.graph.neighbors(v);
        for &c in &nv[..oriented.first(v)] {
            for &w in oriented.higher(c) {
                let position = mark[w as usize];
                if position != 0 {
                    local[position as usize - 1] += 1;
                }
            }
        }
    });
}

/// Runs `f` with `mark[w]` = 1 + the position of `w` among `v`'s higher neighbours, for each
/// of them, and leaves `mark` all zero again (as it must be on entry).
fn with_higher_marked<R>(
    oriented: &Oriented,
    v: u32,
    mark: &mut [u32],
    f: impl FnOnce(&[u32]) -> R,
) -> R {
    let higher = oriented.higher(v);
    for (i, &w) in higher.iter().enumerate() {
        mark[w as usize] = i as u32 + 1;
    }
    let result = f(mark);
    for &w in higher {
        mark[w as usize] = 0;
    }
    result
}

/// Lists the triangles whose lowest vertex by id is `v` as `[u, w]` with `v < u < w`, with
/// the positions of `u` and `w` among `v`'s higher neighbours and of `w` among `u`'s (the
/// triangle's three edges); `mark` holds `v`'s higher neighbours (see [`with_higher_marked`]).
///
/// Orienting by id bounds the lists scanned by O(√m) on the loaders' default numbering, which
/// is by ascending degree; any other numbering is still counted correctly, just more slowly.
/// Each triangle is one hit while scanning the higher neighbours of each higher neighbour `u`.
fn triangles_from(
    oriented: &Oriented,
    v: u32,
    mark: &[u32],
    mut visit: impl FnMut([u32; 2], [usize; 3]),
) {
    if interrupt::requested() {
        return;
    }
    for (i, &u) in oriented.higher(v).iter().enumerate() {
        for (j, &w) in oriented.higher(u).iter().enumerate() {
            let position = mark[w as usize];
            if position != 0 {
                visit([u, w], [i, position as usize - 1, j]);
            }
        }
    }
}

/// The graph oriented by id: each vertex's neighbours above it, a suffix of its sorted list.
struct Oriented<'g> {
    graph: &'g Graph,
    /// `first[v]`: the position in `v`'s list of its first neighbour above `v`.
    first: &'g [u32],
}

impl<'g> Oriented<'g> {
    fn new(graph: &'g Graph) -> Oriented<'g> {
        Oriented {
            graph,
            first: graph.first_higher(),
        }
    }

    /// The position of `v`'s first higher neighbour in its list.
    #[inline]
    fn first(&self, v: u32) -> usize {
        self.first[v as usize] as usize
    }

    /// `v`'s neighbours above it.
    #[inline]
    fn higher(&self, v: u32) -> &'g [u32] {
        &self.graph.neighbors(v)[self.first(v)..]
    }
}

/// For every adjacency slot `u → v`, a share of the 4-cycles through the edge `{u, v}`: the
/// two slots of an edge add up to its 4-cycle count.
fn four_cycles_per_slot(graph: &Graph) -> Vec<AtomicU64> {
    let n = graph.num_vertices();
    let offsets = graph.offsets();
    let slots: Vec<AtomicU64> = (0..graph.adjacency().len())
        .map(|_| AtomicU64::new(0))
        .collect();
    let above = |a: u32, b: u32| (graph.degree(a), a) > (graph.degree(b), b);
    (0..n as u32)
        .into_par_iter()
        .with_max_len(64)
        .for_each_init(
            || (vec![0u32; n], Vec::new()),
            |(closing, touched), u| {
                if interrupt::requested() {
                    return;
                }
                // Wedges u - v - w with v and w ranked above u: `closing[w]` of them end at w.
                let wedges = |f: &mut dyn FnMut(usize, u32, usize, u32)| {
                    for (i, &v) in graph.neighbors(u).iter().enumerate() {
                        if !above(v, u) {
                            continue;
                        }
                        for (j, &w) in graph.neighbors(v).iter().enumerate() {
                            if w != u && above(w, u) {
                                f(i, v, j, w);
                            }
                        }
                    }
                };
                wedges(&mut |_, _, _, w| {
                    if closing[w as usize] == 0 {
                        touched.push(w);
                    }
                    closing[w as usize] += 1;
                });
                let base = offsets[u as usize] as usize;
                wedges(&mut |i, v, j, w| {
                    let others = u64::from(closing[w as usize] - 1);
                    if others > 0 {
                        slots[base + i].fetch_add(others, Ordering::Relaxed);
                        slots[offsets[v as usize] as usize + j]
                            .fetch_add(others, Ordering::Relaxed);
                    }
                });
                for &w in touched.iter() {
                    closing[w as usize] = 0;
                }
                touched.clear();
            },
        );
    slots
}

/// The number of (not necessarily induced) 5-cycles in `graph`.
pub(crate) fn five_cycle_count(graph: &Graph) -> u128 {
    let n = graph.num_vertices();
    let (walks, triangle_terms, corners) = (0..n as u32)
        .into_par_iter()
        .with_max_len(16)
        .map_init(
            || (vec![0u32; n], Vec::new()),
            |(wedges, touched), u| {
                if interrupt::requested() {
                    return (0, 0, 0);
                }
                // wedges[w] = A²[u, w] (w = u included: the degree of u).
                for &v in graph.neighbors(u) {
                    for &w in graph.neighbors(v) {
                        if wedges[w as usize] == 0 {
                            touched.push(w);
                        }
                        wedges[w as usize] += 1;
                    }
                }
                let row = |x: u32| u128::from(wedges[x as usize]);
                let mut walks: u128 = 0;
                for &w in touched.iter() {
                    let three: u128 = graph.neighbors(w).iter().map(|&x| row(x)).sum();
                    walks += row(w) * three;
                }
                // A³[u, u] = 2·t(u): walks u - x - y - u with x, y adjacent.
                let closed: u128 = graph.neighbors(u).iter().map(|&x| row(x)).sum();
                let t = closed / 2;
                let degree = graph.degree(u) as u128;
                for &w in touched.iter() {
                    wedges[w as usize] = 0;
                }
                touched.clear();
                (walks, t, t * degree.saturating_sub(2))
            },
        )
        .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    // Σ_v t(v) = 3·T, so 30·T = 10·Σ_v t(v).
    (walks - 10 * triangle_terms - 10 * corners) / 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::generate;
    use crate::pattern::Pattern;
    use crate::plan::{Plan, PlanOptions};

    fn enumerated(graph: &Graph, pattern: &Pattern) -> u64 {
        let options = PlanOptions {
            counting_tails: false,
            specialised: false,
        };
        crate::exec::cpu::count(graph, &Plan::new(pattern, None, options)).unwrap()
    }

    #[test]
    fn houses_match_enumeration() {
        let house = Pattern::parse("house").unwrap();
        let complete =
            Graph::from_edges(5, (0..5u32).flat_map(|a| (a + 1..5).map(move |b| (a, b)))).unwrap();
        // K5 holds 5! / |Aut(house)| = 60 houses.
        assert_eq!(house_count(&complete), 60);
        for seed in 0..12 {
            let n = 8 + seed as usize * 3;
            let m = n * (2 + seed as usize % 4);
            let graph = generate::erdos_renyi(n, m.min(n * (n - 1) / 2), seed).unwrap();
            assert_eq!(
                house_count(&graph),
                u128::from(enumerated(&graph, &house)),
                "G({n}, {m}) seed {seed}"
            );
            let ordered = graph.relabel_by_degree();
            assert_eq!(house_count(&ordered), house_count(&graph), "seed {seed}");
        }
    }

    #[test]
    fn triangle_formulas_match_enumeration() {
        let diamond = Pattern::parse("diamond").unwrap();
        let tailed = Pattern::parse("tailed-triangle").unwrap();
        let complete =
            Graph::from_edges(5, (0..5u32).flat_map(|a| (a + 1..5).map(move |b| (a, b)))).unwrap();
        // K5: 10 edges, each on 3 triangles; 10 triangles, each with 3 · 2 tails.
        assert_eq!(diamond_count(&complete), 30);
        assert_eq!(tailed_triangle_count(&complete), 60);
        for seed in 0..16 {
            let n = 6 + seed as usize * 3;
            let m = n * (1 + seed as usize % 5);
            let graph = generate::erdos_renyi(n, m.min(n * (n - 1) / 2), seed).unwrap();
            for g in [graph.relabel_by_degree(), graph] {
                assert_eq!(
                    diamond_count(&g),
                    u128::from(enumerated(&g, &diamond)),
                    "G({n}, {m}) seed {seed}"
                );
                assert_eq!(
                    tailed_triangle_count(&g),
                    u128::from(enumerated(&g, &tailed)),
                    "G({n}, {m}) seed {seed}"
                );
            }
        }
    }

    #[test]
    fn five_cycles_match_enumeration() {
        let cycle = Pattern::parse("5-cycle").unwrap();
        let complete =
            Graph::from_edges(6, (0..6u32).flat_map(|a| (a + 1..6).map(move |b| (a, b)))).unwrap();
        // K6: C(6, 5) vertex sets × 4!/2 cycles each.
        assert_eq!(five_cycle_count(&complete), 72);
        for seed in 0..12 {
            let n = 8 + seed as usize * 3;
            let m = n * (2 + seed as usize % 4);
            let graph = generate::erdos_renyi(n, m.min(n * (n - 1) / 2), seed).unwrap();
            assert_eq!(
                five_cycle_count(&graph),
                u128::from(enumerated(&graph, &cycle)),
                "G({n}, {m}) seed {seed}"
            );
        }
    }
}
