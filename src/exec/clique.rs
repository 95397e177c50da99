//! k-clique counting and listing.
//!
//! Orienting every edge from the lower- to the higher-ranked endpoint (rank = (degree, id))
//! makes each clique appear exactly once, as a chain of out-neighbourhoods, and bounds each
//! out-neighbourhood by O(√m). Listing enumerates those chains with sorted-set intersections;
//! triangles are counted on the same DAG with a mark array. Larger cliques are counted by
//! pivoting on the same DAG ([`pivot`]), which tallies every size at once without enumerating
//! the cliques.

use std::borrow::Cow;
use std::ops::{ControlFlow, RangeInclusive};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::exec::{interrupt, pivot, setops, Roots, PARALLEL_FROM_EDGES};
use crate::graph::Graph;
use crate::plan::CliquePlan;
use crate::progress::Work;

/// The degree-oriented DAG: `out(v)` are the neighbours ranked above `v` by (degree, id).
///
/// On a graph already numbered by ascending degree (the loaders' default) the ranking is the
/// id order, so `out(v)` is the tail of `v`'s sorted neighbour list from the graph's cached
/// first-higher position, and the DAG allocates nothing: two arrays of `n` positions would be
/// 16 bytes a vertex (1.6 GB for 100 M vertices), and building them was a fixed cost of every
/// run. Otherwise the out-lists are copied out, with their own offsets.
pub(crate) struct Dag<'g> {
    /// The lists the out-lists are cut from: the graph's adjacency, or the copied out-lists.
    lists: Cow<'g, [u32]>,
    /// `starts[v]..starts[v + 1]` is `v`'s list in `lists`.
    starts: Cow<'g, [u64]>,
    /// How many entries at the front of each vertex's list are ranked below it (its
    /// first-higher position); empty when no list has any.
    below: &'g [u32],
}

impl<'g> Dag<'g> {
    pub(crate) fn new(graph: &'g Graph) -> Dag<'g> {
        if graph.degrees_ascend() {
            return Dag {
                lists: Cow::Borrowed(graph.adjacency()),
                starts: Cow::Borrowed(graph.offsets()),
                below: graph.first_higher(),
            };
        }
        let n = graph.num_vertices() as u32;
        let rank = |v: u32| (graph.degree(v), v);
        let mut starts = Vec::with_capacity(n as usize + 1);
        let mut lists = Vec::with_capacity(graph.num_edges());
        starts.push(0);
        for v in 0..n {
            let rv = rank(v);
            lists.extend(graph.neighbors(v).iter().filter(|&&u| rank(u) > rv));
            starts.push(lists.len() as u64);
        }
        Dag {
            lists: Cow::Owned(lists),
            starts: Cow::Owned(starts),
            below: &[],
        }
    }

    #[inline]
    pub(crate) fn out(&self, v: u32) -> &[u32] {
        let v = v as usize;
        let below = self.below.get(v).map_or(0, |&b| b as usize);
        &self.lists[self.starts[v] as usize + below..self.starts[v + 1] as usize]
    }

    pub(crate) fn num_vertices(&self) -> usize {
        self.starts.len() - 1
    }

    /// The largest out-degree.
    pub(crate) fn max_out(&self) -> usize {
        (0..self.num_vertices() as u32)
            .map(|v| self.out(v).len())
            .max()
            .unwrap_or(0)
    }
}

/// The number of `plan.k`-cliques (saturating at `u128::MAX`), by [`clique_counts`].
pub(crate) fn clique_count(
    graph: &Graph,
    plan: &CliquePlan,
    progress: &Work,
    roots: Roots,
) -> u128 {
    clique_counts(graph, plan.k..=plan.k, progress, roots)[0]
}

/// The number of `k`-cliques for every `k` in `sizes` (all at least 2), in order, saturating at
/// `u128::MAX`: edges are counted directly, triangles alone on the degree-oriented DAG, and
/// every other size by pivoting ([`pivot`]), all sizes in one pass. Only the cliques rooted at
/// `roots` are counted (a distributed worker's shard; each clique has one root). `progress` is
/// ticked per vertex; a run stopped through [`interrupt`] returns partial counts.
pub(crate) fn clique_counts(
    graph: &Graph,
    sizes: RangeInclusive<usize>,
    progress: &Work,
    roots: Roots,
) -> Vec<u128> {
    let (lo, hi) = (*sizes.start(), *sizes.end());
    let deeper = if hi >= 4 {
        pivot::clique_counts(graph, lo.max(3)..=hi, progress, roots)
    } else if hi == 3 {
        vec![triangle_count(graph, progress, roots)]
    } else {
        Vec::new()
    };
    let edges = (lo == 2).then(|| edge_count(graph, roots));
    edges.into_iter().chain(deeper).collect()
}

/// Edges, each rooted at its lower endpoint in (degree, id) order.
fn edge_count(graph: &Graph, roots: Roots) -> u128 {
    if matches!(roots, Roots::All) {
        return graph.num_edges() as u128;
    }
    let dag = Dag::new(graph);
    (0..graph.num_vertices() as u32)
        .filter(|&v| roots.contains(v))
        .map(|v| dag.out(v).len() as u128)
        .sum()
}

/// Triangles on the degree-oriented DAG: each vertex stamps its out-neighbours in a mark array,
/// and every out-neighbour's out-list is scanned against the stamps.
fn triangle_count(graph: &Graph, progress: &Work, roots: Roots) -> u128 {
    let dag = Dag::new(graph);
    let n = graph.num_vertices();
    // Stamps are `v + 1`, so a zeroed (freshly mapped) array holds none.
    let triangles_at = |stamp: &mut Vec<u32>, v: u32| -> u128 {
        if interrupt::requested() || !roots.contains(v) {
            return 0;
        }
        progress.inc(1);
        let out = dag.out(v);
        for &u in out {
            stamp[u as usize] = v + 1;
        }
        out.iter()
            .map(|&u| {
                dag.out(u)
                    .iter()
                    .filter(|&&w| stamp[w as usize] == v + 1)
                    .count() as u128
            })
            .sum()
    };
    if graph.num_edges() < PARALLEL_FROM_EDGES {
        let mut stamp = vec![0u32; n];
        return (0..n as u32).map(|v| triangles_at(&mut stamp, v)).sum();
    }
    (0..n as u32)
        .into_par_iter()
        .with_min_len(256)
        .map_init(|| vec![0u32; n], triangles_at)
        .sum()
}

pub(crate) fn clique_visit<F>(graph: &Graph, plan: &CliquePlan, visit: &F, stop: &AtomicBool) -> u64
where
    F: Fn(&[u32]) -> ControlFlow<()> + Sync,
{
    let k = plan.k;
    let dag = Dag::new(graph);
    (0..graph.num_vertices() as u32)
        .into_par_iter()
        .map_init(
            || (vec![Vec::new(); k], vec![0u32; k]),
            |(bufs, m), v| {
                if stop.load(Ordering::Relaxed) || interrupt::requested() {
                    return 0;
                }
                m[0] = v;
                let mut seen = 0;
                let _ = clique_visit_from(&dag, dag.out(v), 1, m, bufs, visit, stop, &mut seen);
                seen
            },
        )
        .sum()
}

#[allow(clippy::too_many_arguments)]
fn clique_visit_from<F>(
    dag: &Dag,
    set: &[u32],
    chosen: usize,
    m: &mut [u32],
    bufs: &mut [Vec<u32>],
    visit: &F,
    stop: &AtomicBool,
    seen: &mut u64,
) -> ControlFlow<()>
where
    F: Fn(&[u32]) -> ControlFlow<()> + Sync,
{
    let k = m.len();
    let (here, deeper) = bufs.split_first_mut().expect("one buffer per level");
    for &u in set {
        m[chosen] = u;
        if chosen + 1 == k {
            *seen += 1;
            if visit(m).is_break() {
                stop.store(true, Ordering::Relaxed);
                return ControlFlow::Break(());
            }
            continue;
        }
        setops::intersect_into(set, dag.out(u), here);
        let next = std::mem::take(here);
        let flow = clique_visit_from(dag, &next, chosen + 1, m, deeper, visit, stop, seen);
        *here = next;
        flow?;
        if stop.load(Ordering::Relaxed) {
            return ControlFlow::Break(());
        }
    }
    ControlFlow::Continue(())
}
