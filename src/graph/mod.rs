//! The data graph: an undirected simple graph in compressed sparse row (CSR) form.
//!
//! Vertex ids are dense `u32`s; every neighbour list is sorted and free of duplicates and
//! self-loops. A graph may carry one `u32` label per vertex ([`NO_LABEL`] marks a vertex without
//! one) and always keeps the map back to the ids of the file it was read from, so output can speak
//! the user's ids. The arrays live either in memory or in a memory-mapped cache file
//! ([`Slab`]); the accessors do not care which.
//!
//! Graphs come from files ([`Graph::load`], [`load_many`], with [`LoadOptions`]), from the
//! binary cache ([`Graph::save_cache`]) or from the seeded [`generate`] functions; loaders
//! renumber vertices by ascending degree ([`Graph::relabel_by_degree`] explains why), and
//! [`Graph::stats`] summarises a graph for `saker info`.

mod build;
mod cache;
pub mod generate;
pub mod graph6;
mod load;
pub mod ppgn;
mod relabel;
mod slab;
mod stats;

#[doc(hidden)]
pub use load::from_bytes;
pub use load::{load_many, Format, LoadOptions, Relabel};
pub use slab::Slab;
pub use stats::GraphStats;

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::error::{Error, Result};

/// Label value of a vertex that has none in an otherwise labelled graph (`-1` in label files).
pub const NO_LABEL: u32 = u32::MAX;

/// An undirected simple graph in CSR form. Cheap to share across threads (`Sync`).
#[derive(Debug)]
pub struct Graph {
    /// `offsets[v]..offsets[v + 1]` is the range of `v`'s neighbours in `neighbors`.
    offsets: Slab<u64>,
    /// Concatenated sorted neighbour lists; each undirected edge appears twice.
    neighbors: Slab<u32>,
    /// One label per vertex, if the graph is labelled.
    labels: Option<Slab<u32>>,
    /// `original_ids[v]` is the id vertex `v` had in the input.
    original_ids: Slab<u64>,
    /// [`Graph::first_higher`], computed on first use.
    first_higher: OnceLock<Vec<u32>>,
}

impl Graph {
    /// Assembles a graph from CSR arrays that already satisfy the invariants (sorted,
    /// deduplicated, symmetric, no self-loops). Checked in debug builds only; loaders that
    /// cannot vouch for their input go through [`Graph::from_edges`].
    pub(crate) fn from_csr_unchecked(
        offsets: Slab<u64>,
        neighbors: Slab<u32>,
        labels: Option<Slab<u32>>,
        original_ids: Slab<u64>,
    ) -> Graph {
        let graph = Graph {
            offsets,
            neighbors,
            labels,
            original_ids,
            first_higher: OnceLock::new(),
        };
        debug_assert!(
            graph.check_invariants().is_ok(),
            "{:?}",
            graph.check_invariants()
        );
        graph
    }

    /// Builds a graph on vertices `0..num_vertices` from undirected edges. Self-loops are
    /// dropped and duplicate edges (in either direction) merged. Original ids are the dense ids.
    ///
    /// # Errors
    /// An endpoint `>= num_vertices`, or more than `u32::MAX` vertices.
    pub fn from_edges(
        num_vertices: usize,
        edges: impl IntoIterator<Item = (u32, u32)>,
    ) -> Result<Graph> {
        if num_vertices > u32::MAX as usize {
            return Err(Error::InvalidArgument(format!(
                "{num_vertices} vertices exceed the u32 id range"
            )));
        }
        let mut pairs = Vec::new();
        for (u, v) in edges {
            for w in [u, v] {
                if w as usize >= num_vertices {
                    return Err(Error::InvalidArgument(format!(
                        "edge ({u}, {v}) names vertex {w}, but the graph has {num_vertices} vertices"
                    )));
                }
            }
            if u != v {
                pairs.push((u, v));
                pairs.push((v, u));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut offsets = vec![0u64; num_vertices + 1];
        for &(u, _) in &pairs {
            offsets[u as usize + 1] += 1;
        }
        for v in 0..num_vertices {
            offsets[v + 1] += offsets[v];
        }
        let neighbors = pairs.into_iter().map(|(_, v)| v).collect();
        let original_ids = (0..num_vertices as u64).collect();
        Ok(Graph::from_csr_unchecked(
            Slab::owned(offsets),
            Slab::owned(neighbors),
            None,
            Slab::owned(original_ids),
        ))
    }

    /// Attaches one label per vertex ([`NO_LABEL`] for none).
    ///
    /// # Errors
    /// `labels.len()` differs from the number of vertices.
    pub fn with_labels(mut self, labels: Vec<u32>) -> Result<Graph> {
        if labels.len() != self.num_vertices() {
            return Err(Error::InvalidArgument(format!(
                "{} labels given for a graph of {} vertices",
                labels.len(),
                self.num_vertices()
            )));
        }
        self.labels = Some(Slab::owned(labels));
        Ok(self)
    }

    /// Replaces the map back to input ids (`ids[v]` = input id of vertex `v`).
    ///
    /// # Errors
    /// `ids.len()` differs from the number of vertices.
    pub fn with_original_ids(mut self, ids: Vec<u64>) -> Result<Graph> {
        if ids.len() != self.num_vertices() {
            return Err(Error::InvalidArgument(format!(
                "{} original ids given for a graph of {} vertices",
                ids.len(),
                self.num_vertices()
            )));
        }
        self.original_ids = Slab::owned(ids);
        Ok(self)
    }

    /// Appends isolated vertices with the given input ids, numbered after the existing ones.
    ///
    /// # Errors
    /// The vertex count would exceed the `u32` id range.
    pub fn with_isolated_vertices(self, ids: &[u64]) -> Result<Graph> {
        if ids.is_empty() {
            return Ok(self);
        }
        let n = self.num_vertices() + ids.len();
        if n > u32::MAX as usize {
            return Err(Error::InvalidArgument(format!(
                "{n} vertices exceed the u32 id range"
            )));
        }
        let mut offsets = self.offsets.to_vec();
        offsets.resize(n + 1, *offsets.last().unwrap());
        let mut original_ids = self.original_ids.to_vec();
        original_ids.extend_from_slice(ids);
        let labels = self.labels.map(|l| {
            let mut l = l.to_vec();
            l.resize(n, NO_LABEL);
            Slab::owned(l)
        });
        Ok(Graph::from_csr_unchecked(
            Slab::owned(offsets),
            self.neighbors,
            labels,
            Slab::owned(original_ids),
        ))
    }

    /// Number of vertices.
    #[inline]
    pub fn num_vertices(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Number of undirected edges.
    #[inline]
    pub fn num_edges(&self) -> usize {
        self.neighbors.len() / 2
    }

    /// Sorted neighbours of `v`.
    #[inline]
    pub fn neighbors(&self, v: u32) -> &[u32] {
        let v = v as usize;
        &self.neighbors[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }

    /// Degree of `v`.
    #[inline]
    pub fn degree(&self, v: u32) -> usize {
        let v = v as usize;
        (self.offsets[v + 1] - self.offsets[v]) as usize
    }

    /// Largest degree (0 for a graph without edges).
    pub fn max_degree(&self) -> usize {
        self.offsets
            .windows(2)
            .map(|w| (w[1] - w[0]) as usize)
            .max()
            .unwrap_or(0)
    }

    /// Whether `u` and `v` are adjacent (binary search in the shorter list).
    #[inline]
    pub fn has_edge(&self, u: u32, v: u32) -> bool {
        let (a, b) = if self.degree(u) <= self.degree(v) {
            (u, v)
        } else {
            (v, u)
        };
        self.neighbors(a).binary_search(&b).is_ok()
    }

    /// Label of `v`, or `None` when the graph is unlabelled.
    #[inline]
    pub fn label(&self, v: u32) -> Option<u32> {
        self.labels.as_ref().map(|l| l[v as usize])
    }

    /// All labels, if the graph is labelled.
    pub fn labels(&self) -> Option<&[u32]> {
        self.labels.as_deref()
    }

    /// The id vertex `v` had in the input file.
    #[inline]
    pub fn original_id(&self, v: u32) -> u64 {
        self.original_ids[v as usize]
    }

    /// Input ids of all vertices, indexed by dense id.
    pub fn original_ids(&self) -> &[u64] {
        &self.original_ids
    }

    /// Whether degrees never decrease along the ids, so that ranking by (degree, id) is the id
    /// order and the degree-oriented graph is the id-oriented one (ties in any order, unlike
    /// [`Graph::is_degree_ordered`]).
    pub(crate) fn degrees_ascend(&self) -> bool {
        self.offsets.windows(3).all(|w| w[1] - w[0] <= w[2] - w[1])
    }

    /// For every vertex, the position in its sorted neighbour list of its first neighbour with
    /// a higher id: the out-list of the id-oriented graph is the tail from there (on a graph
    /// numbered by ascending degree, of the degree-oriented one). Computed on first use and
    /// kept, so that the engines and a distributed run's shard costs share one pass.
    pub(crate) fn first_higher(&self) -> &[u32] {
        self.first_higher.get_or_init(|| {
            let first = |v: u32| self.neighbors(v).partition_point(|&x| x <= v) as u32;
            let vertices = 0..self.num_vertices() as u32;
            match self.num_edges() < crate::exec::PARALLEL_FROM_EDGES {
                true => vertices.map(first).collect(),
                false => vertices.into_par_iter().map(first).collect(),
            }
        })
    }

    /// The CSR offsets array (`num_vertices() + 1` entries).
    pub fn offsets(&self) -> &[u64] {
        &self.offsets
    }

    /// The concatenated neighbour lists (`2 * num_edges()` entries).
    pub fn adjacency(&self) -> &[u32] {
        &self.neighbors
    }

    /// Iterates over every undirected edge once, as `(u, v)` with `u < v`.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0..self.num_vertices() as u32).flat_map(move |u| {
            let nbrs = self.neighbors(u);
            let start = nbrs.partition_point(|&v| v <= u);
            nbrs[start..].iter().map(move |&v| (u, v))
        })
    }

    /// Checks the CSR invariants; used by tests, debug builds and the cache loader.
    pub(crate) fn check_invariants(&self) -> std::result::Result<(), String> {
        let n = self.num_vertices();
        if self.offsets.first() != Some(&0) {
            return Err("offsets do not start at 0".into());
        }
        if *self.offsets.last().unwrap() as usize != self.neighbors.len() {
            return Err("last offset differs from the adjacency length".into());
        }
        if self.original_ids.len() != n {
            return Err("original id count differs from the vertex count".into());
        }
        if let Some(labels) = &self.labels {
            if labels.len() != n {
                return Err("label count differs from the vertex count".into());
            }
        }
        for v in 0..n {
            if self.offsets[v] > self.offsets[v + 1] {
                return Err(format!("offsets decrease at vertex {v}"));
            }
            let nbrs = self.neighbors(v as u32);
            if nbrs.windows(2).any(|w| w[0] >= w[1]) {
                return Err(format!("neighbours of {v} not strictly increasing"));
            }
            for &w in nbrs {
                if w as usize >= n || w as usize == v {
                    return Err(format!("vertex {v} has invalid neighbour {w}"));
                }
                if self.neighbors(w).binary_search(&(v as u32)).is_err() {
                    return Err(format!("edge {v}-{w} is not symmetric"));
                }
            }
        }
        Ok(())
    }
}
