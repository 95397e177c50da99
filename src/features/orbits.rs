//! Graphlet orbit counts: for every vertex (or edge), how many times it touches each orbit of
//! each connected graphlet on 2..=`k` vertices (`k` = 4 or 5), in ORCA's numbering and column
//! order (15 / 73 node orbits, 12 / 68 edge orbits; see `docs/orbits.md`).
//!
//! Graphlets are *induced* connected subgraphs; each one is counted once, not once per
//! automorphism, exactly as ORCA counts them.

use rayon::prelude::*;

use super::graphlets::{edge_orbit_count, lookup, node_orbit_count, pair_bit, NONE};
use crate::error::{Error, Result};
use crate::exec::{Alone, Roots, Share};
use crate::graph::Graph;

/// A dense row-major matrix of orbit counts: one row per vertex (or edge), one column per orbit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrbitMatrix {
    rows: usize,
    cols: usize,
    data: Vec<u64>,
}

impl OrbitMatrix {
    /// A matrix from row-major data.
    ///
    /// # Errors
    /// `data.len() != rows * cols`.
    pub fn from_vec(rows: usize, cols: usize, data: Vec<u64>) -> Result<OrbitMatrix> {
        if rows.checked_mul(cols) != Some(data.len()) {
            return Err(Error::InvalidArgument(format!(
                "{} values do not form a {rows}×{cols} matrix",
                data.len()
            )));
        }
        Ok(OrbitMatrix { rows, cols, data })
    }

    /// Number of rows (vertices or edges).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (orbits).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The counts of row `i`.
    pub fn row(&self, i: usize) -> &[u64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// The count of orbit `orbit` at row `i`.
    pub fn get(&self, i: usize, orbit: usize) -> u64 {
        self.data[i * self.cols + orbit]
    }

    /// All counts, row-major.
    pub fn as_slice(&self) -> &[u64] {
        &self.data
    }

    /// The row-major data.
    pub fn into_vec(self) -> Vec<u64> {
        self.data
    }
}

/// Number of node orbits of graphlets on at most `k` vertices (15 for `k = 4`, 73 for `k = 5`).
///
/// # Errors
/// `k` is not 4 or 5.
pub fn node_orbit_columns(k: usize) -> Result<usize> {
    check_k(k)?;
    Ok(node_orbit_count(k))
}

/// Number of edge orbits of graphlets on at most `k` vertices (12 for `k = 4`, 68 for `k = 5`).
///
/// # Errors
/// `k` is not 4 or 5.
pub fn edge_orbit_columns(k: usize) -> Result<usize> {
    check_k(k)?;
    Ok(edge_orbit_count(k))
}

pub(crate) fn check_k(k: usize) -> Result<()> {
    if k == 4 || k == 5 {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "graphlet size k = {k} is not supported; orbit counts exist for k = 4 and k = 5"
        )))
    }
}

/// Per-vertex orbit counts: an `n × 15` (`k = 4`) or `n × 73` (`k = 5`) matrix whose row `v`
/// is vertex `v`'s graphlet degree vector in ORCA's column order.
///
/// Runs on the current rayon pool; the result does not depend on the number of threads.
///
/// # Errors
/// `k` is not 4 or 5.
pub fn node_orbits(graph: &Graph, k: usize) -> Result<OrbitMatrix> {
    node_orbits_in(graph, k, Roots::All, &mut Alone)
}

/// [`node_orbits`] with only the rows of the vertices in `roots` filled in (the others are
/// zero): one worker's share of a distributed run, whose workers own disjoint vertex sets and
/// hand each other the intermediate values through `share`.
///
/// # Errors
/// As [`node_orbits`], and the errors of `share`.
pub(crate) fn node_orbits_in<X: Share>(
    graph: &Graph,
    k: usize,
    roots: Roots,
    share: &mut X,
) -> Result<OrbitMatrix> {
    check_k(k)?;
    let data = super::counting::node_orbits(graph, k, roots, share)?;
    OrbitMatrix::from_vec(graph.num_vertices(), node_orbit_count(k), data)
}

/// Per-edge orbit counts: the edges as `(u, v)` with `u < v` in [`Graph::edges`] order, and an
/// `m × 12` (`k = 4`) or `m × 68` (`k = 5`) matrix with one row per edge, in ORCA's column order.
///
/// # Errors
/// `k` is not 4 or 5; [`Error::Interrupted`] / [`Error::TimedOut`].
pub fn edge_orbits(graph: &Graph, k: usize) -> Result<(Vec<(u32, u32)>, OrbitMatrix)> {
    check_k(k)?;
    if graph.num_edges() > u32::MAX as usize {
        return Err(Error::InvalidArgument(format!(
            "{} edges exceed the u32 edge-id range of edge orbit counting",
            graph.num_edges()
        )));
    }
    let matrix = enumerate_edges(graph, k);
    crate::exec::interrupt::check("edge orbit counting")?;
    Ok((graph.edges().collect(), matrix))
}

/// `slot_edge[s]`: index in [`Graph::edges`] order of the edge at adjacency slot `s`.
fn slot_edges(graph: &Graph) -> Vec<u32> {
    let mut ids = vec![0u32; graph.adjacency().len()];
    let offsets = graph.offsets();
    let mut next = 0u32;
    for u in 0..graph.num_vertices() as u32 {
        let start = offsets[u as usize] as usize;
        for (i, &v) in graph.neighbors(u).iter().enumerate() {
            if v > u {
                ids[start + i] = next;
                let back =
                    offsets[v as usize] as usize + graph.neighbors(v).partition_point(|&w| w < u);
                ids[back] = next;
                next += 1;
            }
        }
    }
    ids
}

/// Edge orbits by enumeration: every connected induced subgraph on 2..=k vertices is visited
/// once (ESU: each set is found from its smallest vertex by extending only with neighbours
/// exclusive to the newest vertex) and each edge's orbit is looked up from the subgraph's
/// adjacency mask.
fn enumerate_edges(graph: &Graph, k: usize) -> OrbitMatrix {
    let n = graph.num_vertices();
    let (rows, cols) = (graph.num_edges(), edge_orbit_count(k));
    let slot_edge = slot_edges(graph);
    let threads = rayon::current_num_threads().max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    // One accumulator per worker (integer sums, so the total is independent of scheduling);
    // roots are handed out in small blocks because a hub's subtree is far larger than a leaf's.
    let partials: Vec<Vec<u64>> = (0..threads)
        .into_par_iter()
        .map(|_| {
            let mut esu = Esu {
                graph,
                k,
                slot_edge: &slot_edge,
                edge_to: vec![[0; 4]; n],
                cols,
                adj: vec![0; n],
                verts: [0; 5],
                masks: [0; 5],
                ext: vec![Vec::new(); 5],
                counts: vec![0; rows * cols],
            };
            const BLOCK: usize = 16;
            loop {
                let start = next.fetch_add(BLOCK, std::sync::atomic::Ordering::Relaxed);
                if start >= n || crate::exec::interrupt::requested() {
                    break;
                }
                for root in start..(start + BLOCK).min(n) {
                    esu.root(root as u32);
                }
            }
            esu.counts
        })
        .collect();
    let mut data = vec![0u64; rows * cols];
    for part in partials {
        for (d, p) in data.iter_mut().zip(part) {
            *d += p;
        }
    }
    OrbitMatrix { rows, cols, data }
}

/// Per-worker state of the ESU enumeration.
struct Esu<'a> {
    graph: &'a Graph,
    k: usize,
    slot_edge: &'a [u32],
    /// `edge_to[u][i]`: edge id of `u`–(set vertex `i`), valid where `u` is adjacent to it.
    edge_to: Vec<[u32; 4]>,
    cols: usize,
    /// `adj[u]`: bit `i` set when `u` is adjacent to the set's `i`-th vertex; bit 7 when `u` is
    /// in the set. Zero for every vertex outside the set's closed neighbourhood.
    adj: Vec<u8>,
    verts: [u32; 5],
    /// `masks[i]`: adjacency mask of the first `i + 1` vertices.
    masks: [u16; 5],
    /// Extension candidates per depth.
    ext: Vec<Vec<u32>>,
    counts: Vec<u64>,
}

const IN_SET: u8 = 1 << 7;

impl Esu<'_> {
    fn root(&mut self, v: u32) {
        self.verts[0] = v;
        self.masks[0] = 0;
        let mut ext = std::mem::take(&mut self.ext[0]);
        ext.clear();
        ext.extend(self.graph.neighbors(v).iter().copied().filter(|&u| u > v));
        self.enter(0, v);
        self.extend(1, &ext, v);
        self.leave(0, v);
        self.ext[0] = ext;
    }

    /// Marks `w` as the set's vertex at position `pos`.
    fn enter(&mut self, pos: usize, w: u32) {
        self.adj[w as usize] |= IN_SET;
        let start = self.graph.offsets()[w as usize] as usize;
        for (i, &u) in self.graph.neighbors(w).iter().enumerate() {
            self.adj[u as usize] |= 1 << pos;
            self.edge_to[u as usize][pos] = self.slot_edge[start + i];
        }
    }

    fn leave(&mut self, pos: usize, w: u32) {
        self.adj[w as usize] &= !IN_SET;
        for &u in self.graph.neighbors(w) {
            self.adj[u as usize] &= !(1 << pos);
        }
    }

    /// Extends the set of `len` vertices by each candidate of `ext` in turn.
    fn extend(&mut self, len: usize, ext: &[u32], root: u32) {
        for (i, &w) in ext.iter().enumerate() {
            let bits = self.adj[w as usize] & !IN_SET;
            let mut mask = self.masks[len - 1];
            for j in 0..len {
                if bits >> j & 1 == 1 {
                    mask |= 1 << pair_bit(j, len);
                }
            }
            self.verts[len] = w;
            self.masks[len] = mask;
            self.record(len + 1, mask);
            if len + 1 < self.k {
                let mut next = std::mem::take(&mut self.ext[len]);
                next.clear();
                next.extend_from_slice(&ext[i + 1..]);
                next.extend(
                    self.graph
                        .neighbors(w)
                        .iter()
                        .copied()
                        .filter(|&u| u > root && self.adj[u as usize] == 0),
                );
                self.enter(len, w);
                self.extend(len + 1, &next, root);
                self.leave(len, w);
                self.ext[len] = next;
            }
        }
    }

    /// Adds the edge orbits of the set of the first `len` vertices, whose adjacency mask is
    /// `mask`.
    #[inline]
    fn record(&mut self, len: usize, mask: u16) {
        let orbits = &lookup().edge[len][mask as usize];
        for j in 1..len {
            for i in 0..j {
                let o = orbits[pair_bit(i, j)];
                if o != NONE {
                    let e = self.edge_to[self.verts[j] as usize][i] as usize;
                    self.counts[e * self.cols + o as usize] += 1;
                }
            }
        }
    }
}
