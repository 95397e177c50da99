//! Which root vertices each worker of a distributed run explores.
//!
//! The vertices `0..n` are cut into contiguous chunks of equal estimated cost, about
//! [`CHUNKS_PER_WORKER`] per worker, dealt back and forth (workers `0, 1, …, W−1`, then
//! `W−1, …, 0`, and so on): with vertices numbered by ascending degree the hubs sit at the
//! end, and equal vertex ranges would leave the last worker with most of the work. Dealing back
//! and forth cancels an estimate that drifts along the order, where round-robin dealing always
//! hands the later chunk of each pass to the same worker (see `docs/distributed.md` for the
//! measured shards). A vertex's cost is an estimate of the work an engine does from it
//! ([`Cost`]); no vertex is split, so one hub heavier than a chunk makes a chunk of its own.
//! Every worker computes the same cut from the same graph, so ownership needs no exchange.

use std::ops::Range;

use crate::graph::Graph;

/// Chunks per worker: enough that the estimate's errors even out between the workers.
pub const CHUNKS_PER_WORKER: usize = 64;

/// How the work from one root vertex is estimated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    /// Pairs of neighbours, `C(d, 2) + 1`: explorations that look two hops from the root
    /// (motif enumeration, orbit equations, general plans).
    Wedges,
    /// Walks of two steps, `Σ d(a) + 1` over the neighbours `a`: explorations that visit every
    /// neighbour of every neighbour of the root (orbit equations, motif enumeration), where a
    /// low-degree root next to hubs costs far more than its own degree says.
    Walks2,
    /// The out-neighbourhood on the degree-oriented DAG as a bitset graph, `d⁺ + d⁺²/64 + 1`:
    /// clique counting intersects each of the root's `d⁺` out-neighbours' lists with its own
    /// and then works on `d⁺²` bits of adjacency (per-root pivoting times on ca-HepPh fit it
    /// far better than `C(d⁺, 2)`).
    OutNeighbourhood,
}

impl Cost {
    /// The estimate for each vertex of `graph`, as a function of the vertex. The first-higher
    /// positions are looked up once here rather than once a vertex, since the cut calls it
    /// twice for every vertex (on ca-HepPh the cut went from 0.10 to 0.085 ms).
    fn of_each(self, graph: &Graph) -> impl Fn(u32) -> u64 + '_ {
        let first_higher = match self {
            Cost::OutNeighbourhood => graph.first_higher(),
            Cost::Wedges | Cost::Walks2 => &[],
        };
        let degree = |v: u32| graph.degree(v) as u64;
        move |v| {
            1 + match self {
                Cost::Wedges => degree(v) * degree(v).saturating_sub(1) / 2,
                Cost::Walks2 => graph.neighbors(v).iter().map(|&a| degree(a)).sum(),
                Cost::OutNeighbourhood => {
                    let out = degree(v) - u64::from(first_higher[v as usize]);
                    out + out * out / 64
                }
            }
        }
    }
}

/// One worker's share of the root vertices.
#[derive(Clone, Debug)]
pub struct Shard {
    /// `starts[c]..starts[c + 1]` is chunk `c`; the last entry is `n`.
    starts: Vec<u32>,
    workers: usize,
    worker: usize,
    /// Bit `v`: this worker owns `v`. Engines ask once per root vertex, so the answer is a
    /// bit test rather than a search of the chunk starts (on ca-HepPh the search was 0.5 ms of
    /// a 4-clique worker's 7 ms).
    owned: Vec<u64>,
}

impl Shard {
    /// The shard of `worker` among `workers` (`worker < workers`), cut by `cost`.
    pub fn new(graph: &Graph, cost: Cost, workers: usize, worker: usize) -> Shard {
        assert!(worker < workers, "worker {worker} of {workers}");
        let n = graph.num_vertices() as u32;
        // Two passes over the costs rather than a vector of them: in a fresh process the
        // vector's pages fault in one by one, which costs more than computing every cost again
        // (even `Walks2`'s, a pass over the adjacency, is small beside the exploration).
        let cost_of = cost.of_each(graph);
        let total: u128 = (0..n).map(|v| u128::from(cost_of(v))).sum();
        let chunks = (workers * CHUNKS_PER_WORKER) as u128;
        // Chunk `c` closes once the running cost reaches `c / chunks` of the total.
        let closes_at = |c: usize| (c as u128 * total).div_ceil(chunks);
        let mut starts = vec![0];
        let mut running = 0u128;
        let mut next = closes_at(1);
        for v in 0..n {
            running += u128::from(cost_of(v));
            if running >= next && v + 1 < n {
                starts.push(v + 1);
                next = closes_at(starts.len());
            }
        }
        starts.push(n);
        Shard::cut(starts, workers, worker)
    }

    /// The shard of `worker` for chunks starting at `starts` (ending with `n`).
    fn cut(starts: Vec<u32>, workers: usize, worker: usize) -> Shard {
        let n = *starts.last().expect("the cut ends with n") as usize;
        let mut owned = vec![0u64; n.div_ceil(64)];
        for chunk in dealt_chunks(&starts, workers, worker) {
            set_range(&mut owned, chunk);
        }
        Shard {
            starts,
            workers,
            worker,
            owned,
        }
    }

    /// The worker that owns `v`.
    pub fn owner(&self, v: u32) -> usize {
        let chunk = self.starts.partition_point(|&s| s <= v) - 1;
        dealt_to(chunk, self.workers)
    }

    /// Whether this worker explores from `v`.
    #[inline]
    pub fn owns(&self, v: u32) -> bool {
        self.owned[v as usize / 64] >> (v % 64) & 1 == 1
    }

    /// This worker's vertices, ascending.
    pub fn vertices(&self) -> impl Iterator<Item = u32> + '_ {
        self.vertices_of(self.worker)
    }

    /// The vertices of another worker of the same cut, ascending.
    pub fn vertices_of(&self, worker: usize) -> impl Iterator<Item = u32> + '_ {
        chunk_vertices(&self.starts, self.workers, worker)
    }

    /// The estimated cost of this worker's vertices.
    pub fn cost(&self, graph: &Graph, cost: Cost) -> u64 {
        self.vertices().map(cost.of_each(graph)).sum()
    }
}

/// The worker that chunk `chunk` is dealt to: `0, 1, …, W−1, W−1, …, 1, 0, 0, 1, …`.
fn dealt_to(chunk: usize, workers: usize) -> usize {
    let (pass, seat) = (chunk / workers, chunk % workers);
    match pass % 2 {
        0 => seat,
        _ => workers - 1 - seat,
    }
}

/// The vertex ranges of the chunks dealt to `worker`, ascending.
fn dealt_chunks(
    starts: &[u32],
    workers: usize,
    worker: usize,
) -> impl Iterator<Item = Range<u32>> + '_ {
    starts
        .windows(2)
        .enumerate()
        .filter(move |&(c, _)| dealt_to(c, workers) == worker)
        .map(|(_, w)| w[0]..w[1])
}

/// The vertices of the chunks dealt to `worker`, ascending.
fn chunk_vertices(starts: &[u32], workers: usize, worker: usize) -> impl Iterator<Item = u32> + '_ {
    dealt_chunks(starts, workers, worker).flatten()
}

/// Sets the bits `range` of `bits`, a word at a time where it covers whole words.
fn set_range(bits: &mut [u64], range: Range<u32>) {
    let (start, end) = (range.start as usize, range.end as usize);
    let mask = |from: usize, to: usize| (u64::MAX >> (64 - (to - from))) << from;
    if start >= end {
        return;
    }
    let (first, last) = (start / 64, (end - 1) / 64);
    if first == last {
        bits[first] |= mask(start % 64, (end - 1) % 64 + 1);
        return;
    }
    bits[first] |= mask(start % 64, 64);
    bits[first + 1..last].fill(u64::MAX);
    bits[last] |= mask(0, (end - 1) % 64 + 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn star_and_path() -> Graph {
        // A 40-leaf star (hub 0) next to a long path: most of the cost sits on one vertex.
        let mut edges: Vec<(u32, u32)> = (1..=40).map(|v| (0, v)).collect();
        edges.extend((41..200).map(|v| (v, v + 1)));
        Graph::from_edges(201, edges).expect("valid")
    }

    #[test]
    fn shards_partition_the_vertices() {
        let g = star_and_path();
        for workers in 1..=5 {
            let shards: Vec<Shard> = (0..workers)
                .map(|w| Shard::new(&g, Cost::Wedges, workers, w))
                .collect();
            let mut seen = vec![0; g.num_vertices()];
            for (w, shard) in shards.iter().enumerate() {
                for v in shard.vertices() {
                    seen[v as usize] += 1;
                    assert_eq!(shard.owner(v), w);
                    assert!(shard.owns(v));
                }
            }
            assert!(seen.iter().all(|&s| s == 1), "{workers} workers: {seen:?}");
            for v in 0..g.num_vertices() as u32 {
                for (w, shard) in shards.iter().enumerate() {
                    assert_eq!(shard.owns(v), shard.owner(v) == w, "vertex {v}, worker {w}");
                    assert_eq!(
                        shards[0].vertices_of(w).any(|x| x == v),
                        shard.owns(v),
                        "vertex {v}, worker {w}, seen by worker 0"
                    );
                }
            }
        }
    }

    #[test]
    fn set_range_sets_exactly_the_range() {
        for start in 0..200u32 {
            for end in start..=200 {
                let mut bits = vec![0u64; 4];
                set_range(&mut bits, start..end);
                for v in 0..256u32 {
                    let set = bits[v as usize / 64] >> (v % 64) & 1 == 1;
                    assert_eq!(set, (start..end).contains(&v), "{start}..{end}, bit {v}");
                }
            }
        }
    }

    #[test]
    fn chunks_are_dealt_back_and_forth() {
        let dealt = |workers| (0..12).map(|c| dealt_to(c, workers)).collect::<Vec<_>>();
        assert_eq!(dealt(1), [0; 12]);
        assert_eq!(dealt(2), [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]);
        assert_eq!(dealt(3), [0, 1, 2, 2, 1, 0, 0, 1, 2, 2, 1, 0]);
    }

    #[test]
    fn chunks_balance_cost_not_vertex_counts() {
        let g = Graph::from_edges(
            300,
            (0..300u32).flat_map(|v| (1..=v / 30).map(move |s| (v, (v + s * 7) % 300))),
        )
        .expect("valid");
        let g = g.relabel_by_degree();
        let total: u64 = (0..300).map(Cost::Wedges.of_each(&g)).sum();
        for workers in [2, 3, 4] {
            for w in 0..workers {
                let share = Shard::new(&g, Cost::Wedges, workers, w).cost(&g, Cost::Wedges);
                // Within a quarter of the fair share: chunks are 1/64 of it, heaviest vertex aside.
                let fair = total / workers as u64;
                assert!(
                    share.abs_diff(fair) * 4 <= fair,
                    "{w}/{workers}: {share} vs {fair}"
                );
            }
        }
    }
}
