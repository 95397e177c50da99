//! k-clique counting and listing on the degree-oriented DAG.
//!
//! Orienting every edge from the lower- to the higher-ranked endpoint (rank = (degree, id))
//! makes each clique appear exactly once, as a chain of out-neighbourhoods, and bounds each
//! out-neighbourhood by O(√m). Counting intersects out-neighbourhoods level by level and counts
//! the last two levels from set sizes; listing enumerates.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::exec::{interrupt, setops, Roots};
use crate::graph::Graph;
use crate::plan::CliquePlan;

/// The degree-oriented DAG: `out(v)` are the neighbours ranked above `v` by (degree, id).
///
/// On a graph already numbered by ascending degree (the loaders' default) the ranking is the
/// id order, so `out(v)` is the tail of `v`'s sorted neighbour list and nothing is copied.
pub(crate) struct Dag<'g> {
    /// Concatenated out-lists, or `None` to read the graph's own adjacency.
    targets: Option<Vec<u32>>,
    adjacency: &'g [u32],
    /// `begin[v]..end[v]`: `v`'s out-list in the targets (or the adjacency).
    begin: Vec<usize>,
    end: Vec<usize>,
}

impl<'g> Dag<'g> {
    pub(crate) fn new(graph: &'g Graph) -> Dag<'g> {
        let n = graph.num_vertices() as u32;
        let offsets = graph.offsets();
        let degree_ordered = (1..n).all(|v| graph.degree(v - 1) <= graph.degree(v));
        if degree_ordered {
            let begin = (0..n)
                .into_par_iter()
                .map(|v| {
                    let list = graph.neighbors(v);
                    offsets[v as usize] as usize + list.partition_point(|&u| u <= v)
                })
                .collect();
            let end = offsets[1..].iter().map(|&o| o as usize).collect();
            return Dag {
                targets: None,
                adjacency: graph.adjacency(),
                begin,
                end,
            };
        }
        let rank = |v: u32| (graph.degree(v), v);
        let mut begin = Vec::with_capacity(n as usize);
        let mut end = Vec::with_capacity(n as usize);
        let mut targets = Vec::with_capacity(graph.num_edges());
        for v in 0..n {
            let rv = rank(v);
            begin.push(targets.len());
            targets.extend(graph.neighbors(v).iter().filter(|&&u| rank(u) > rv));
            end.push(targets.len());
        }
        Dag {
            targets: Some(targets),
            adjacency: graph.adjacency(),
            begin,
            end,
        }
    }

    #[inline]
    pub(crate) fn out(&self, v: u32) -> &[u32] {
        let data = self.targets.as_deref().unwrap_or(self.adjacency);
        &data[self.begin[v as usize]..self.end[v as usize]]
    }
}

pub(crate) fn clique_count(graph: &Graph, plan: &CliquePlan, roots: Roots) -> u128 {
    let k = plan.k;
    if k == 2 && matches!(roots, Roots::All) {
        return graph.num_edges() as u128;
    }
    let dag = Dag::new(graph);
    (0..graph.num_vertices() as u32)
        .into_par_iter()
        .with_max_len(16)
        .map_init(
            || vec![Vec::new(); k],
            |bufs, v| {
                if interrupt::requested() || !roots.contains(v) {
                    return 0;
                }
                clique_count_from(&dag, dag.out(v), 1, k, bufs)
            },
        )
        .reduce(|| 0, u128::saturating_add)
}

/// Cliques completing `chosen` vertices whose common out-neighbours are `set`.
fn clique_count_from(
    dag: &Dag,
    set: &[u32],
    chosen: usize,
    k: usize,
    bufs: &mut [Vec<u32>],
) -> u128 {
    if chosen + 1 == k {
        return set.len() as u128;
    }
    if set.len() < k - chosen {
        return 0;
    }
    if chosen + 2 == k {
        return set
            .iter()
            .map(|&u| setops::intersect_count(set, dag.out(u)) as u128)
            .sum();
    }
    let (here, deeper) = bufs.split_first_mut().expect("one buffer per level");
    let mut total = 0;
    for &u in set {
        setops::intersect_into(set, dag.out(u), here);
        total += clique_count_from(dag, here, chosen + 1, k, deeper);
    }
    total
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
