//! Vertex-induced counts by enumerating every connected `k`-vertex set once (ESU, Wernicke
//! 2006) and classifying it by a table lookup of its adjacency code.
//!
//! A set is grown from its smallest vertex (the root) by vertices larger than the root taken
//! from the *extension*: neighbours of the set that were not yet offered. A vertex joins the
//! extension only when it first becomes adjacent to the set, so each set is reached by exactly
//! one path of choices. Each vertex `x` keeps a bitmask of the set positions it is adjacent to;
//! a vertex appended at position `p` thus appends its mask to the set's adjacency code at
//! [`offset`]`(p)`, and the last vertex costs one lookup, not a scan of its neighbours.

use rayon::prelude::*;

use super::census::{offset, Census};
use crate::exec::{interrupt, Roots};
use crate::graph::Graph;
use crate::progress::Work;

/// Vertex-induced counts of the census's patterns.
pub(super) fn count(graph: &Graph, census: &Census, roots: Roots, work: &Work) -> Vec<u128> {
    let k = census.patterns().first().map_or(0, |p| p.num_vertices());
    let n = graph.num_vertices();
    let patterns = census.patterns().len();
    (0..n as u32)
        .into_par_iter()
        .with_max_len(64)
        .fold(
            || Esu {
                graph,
                k,
                index: census.index(),
                counts: vec![0; patterns],
                mask: vec![0; n],
                extension: Vec::new(),
            },
            |mut esu, root| {
                work.inc(1);
                if !interrupt::requested() && roots.contains(root) {
                    esu.grow_root(root);
                }
                esu
            },
        )
        .map(|esu| esu.counts)
        .reduce(
            || vec![0; patterns],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x += y;
                }
                a
            },
        )
}

/// One worker's enumeration state.
struct Esu<'a> {
    graph: &'a Graph,
    k: usize,
    index: &'a [u16],
    counts: Vec<u128>,
    /// `mask[x]`: bit `p` set when `x` is adjacent to the set's vertex at position `p`.
    mask: Vec<u32>,
    /// The extensions of all open levels, each a suffix of this stack.
    extension: Vec<u32>,
}

impl Esu<'_> {
    fn grow_root(&mut self, root: u32) {
        let neighbours = self.graph.neighbors(root);
        for &x in neighbours {
            self.mask[x as usize] |= 1;
        }
        let above = neighbours.partition_point(|&x| x <= root);
        self.extension.clear();
        self.extension.extend_from_slice(&neighbours[above..]);
        self.grow(root, 1, 0, 0);
        for &x in neighbours {
            self.mask[x as usize] &= !1;
        }
    }

    /// Adds one vertex at position `size` from the extension `self.extension[start..]` to the
    /// set whose adjacency code is `code`.
    fn grow(&mut self, root: u32, size: usize, code: u32, start: usize) {
        let end = self.extension.len();
        if size + 1 == self.k {
            let shift = offset(size);
            for &x in &self.extension[start..end] {
                let full = code | self.mask[x as usize] << shift;
                self.counts[usize::from(self.index[full as usize])] += 1;
            }
            return;
        }
        let bit = 1u32 << size;
        for i in start..end {
            let x = self.extension[i];
            let code = code | self.mask[x as usize] << offset(size);
            // The child's extension: the rest of this one, then x's exclusive neighbours
            // (above the root, adjacent to nothing in the set so far).
            let child = self.extension.len();
            self.extension.extend_from_within(i + 1..end);
            for &y in self.graph.neighbors(x) {
                let m = &mut self.mask[y as usize];
                if *m == 0 && y > root {
                    self.extension.push(y);
                }
                *m |= bit;
            }
            self.grow(root, size + 1, code, child);
            self.extension.truncate(child);
            for &y in self.graph.neighbors(x) {
                self.mask[y as usize] &= !bit;
            }
        }
    }
}
