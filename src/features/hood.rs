//! One root vertex's neighbourhood as the orbit-counting equations read it: the common-neighbour
//! count of the root `x` with every vertex two steps away, those common neighbours themselves
//! (grouped by the far vertex), and the adjacency among the neighbours of `x`.
//!
//! The adjacency inside N(x) is a bit matrix (one row of ⌈d/64⌉ words per neighbour), so the
//! intersections that the equations need — the common neighbours of `x`, `a` and `b`; the edges
//! among the common neighbours of `x` and `z` — cost a few word operations instead of a scan of
//! a neighbour list. Above [`DENSE_MAX`] neighbours the matrix would outgrow O(m) memory, and
//! each row is a sorted list of positions instead.

use crate::graph::Graph;

const NONE: u32 = u32::MAX;

/// Largest degree whose neighbourhood is held as a bit matrix (d²/8 bytes: 2 MiB at 4096).
const DENSE_MAX: usize = 4096;

/// A set of positions in N(x): bits when the neighbourhood is dense, a sorted list otherwise.
#[derive(Default)]
pub(super) struct Set {
    bits: Vec<u64>,
    list: Vec<u32>,
}

/// Per-worker scratch for one root at a time; every n-sized array is reset by [`Hood::clear`].
pub(super) struct Hood {
    /// `pos[v]`: position of `v` in N(x), or [`NONE`].
    pos: Vec<u32>,
    /// `cn[v]`: common neighbours of `x` and `v` (`v ≠ x`).
    cn: Vec<u32>,
    /// `at[v]`: index of `v` in `touched`.
    at: Vec<u32>,
    /// Vertices with `cn > 0`, in order of discovery.
    touched: Vec<u32>,
    /// `via[start[k]..start[k + 1]]`: positions of the common neighbours of `x` and
    /// `touched[k]`, increasing (filled only when asked for).
    start: Vec<u32>,
    via: Vec<u32>,
    /// Fill positions of the groups while `via` is built.
    cursor: Vec<u32>,
    d: usize,
    words: usize,
    /// Degrees up to this get bit rows ([`DENSE_MAX`] outside tests).
    dense_max: usize,
    dense: bool,
    /// Dense rows: `d × words` bits.
    bits: Vec<u64>,
    /// Sparse rows: `idx[off[i]..off[i + 1]]`.
    off: Vec<u32>,
    idx: Vec<u32>,
}

impl Hood {
    pub(super) fn new(n: usize) -> Hood {
        Hood::with_dense_max(n, DENSE_MAX)
    }

    fn with_dense_max(n: usize, dense_max: usize) -> Hood {
        Hood {
            pos: vec![NONE; n],
            cn: vec![0; n],
            at: vec![0; n],
            touched: Vec::new(),
            start: Vec::new(),
            via: Vec::new(),
            cursor: Vec::new(),
            d: 0,
            words: 0,
            dense_max,
            dense: true,
            bits: Vec::new(),
            off: Vec::new(),
            idx: Vec::new(),
        }
    }

    /// Reads the neighbourhood of `x`; `groups`: also the common neighbours per far vertex.
    pub(super) fn load(&mut self, g: &Graph, x: u32, groups: bool) {
        let nx = g.neighbors(x);
        self.d = nx.len();
        self.words = self.d.div_ceil(64);
        self.dense = self.d <= self.dense_max;
        for (i, &a) in nx.iter().enumerate() {
            self.pos[a as usize] = i as u32;
        }
        if self.dense {
            self.bits.clear();
            self.bits.resize(self.d * self.words, 0);
        } else {
            self.off.clear();
            self.idx.clear();
            self.off.push(0);
        }
        for (i, &a) in nx.iter().enumerate() {
            for &b in g.neighbors(a) {
                if b == x {
                    continue;
                }
                let bu = b as usize;
                if self.cn[bu] == 0 {
                    self.at[bu] = self.touched.len() as u32;
                    self.touched.push(b);
                }
                self.cn[bu] += 1;
                let p = self.pos[bu];
                if p != NONE {
                    if self.dense {
                        self.bits[i * self.words + p as usize / 64] |= 1 << (p % 64);
                    } else {
                        self.idx.push(p);
                    }
                }
            }
            if !self.dense {
                self.off.push(self.idx.len() as u32);
            }
        }
        if groups {
            self.start.clear();
            self.start.push(0);
            let mut total = 0;
            for &z in &self.touched {
                total += self.cn[z as usize];
                self.start.push(total);
            }
            self.via.clear();
            self.via.resize(total as usize, 0);
            self.cursor.clear();
            self.cursor
                .extend_from_slice(&self.start[..self.touched.len()]);
            for (i, &a) in nx.iter().enumerate() {
                for &b in g.neighbors(a) {
                    if b != x {
                        let k = self.at[b as usize] as usize;
                        self.via[self.cursor[k] as usize] = i as u32;
                        self.cursor[k] += 1;
                    }
                }
            }
        }
    }

    /// Resets the n-sized arrays touched by the last [`Hood::load`] of `x`.
    pub(super) fn clear(&mut self, g: &Graph, x: u32) {
        for &z in &self.touched {
            self.cn[z as usize] = 0;
        }
        self.touched.clear();
        for &a in g.neighbors(x) {
            self.pos[a as usize] = NONE;
        }
    }

    /// Vertices at distance 1 or 2 from `x` that share a neighbour with it (`x` excluded).
    pub(super) fn touched(&self) -> &[u32] {
        &self.touched
    }

    /// Common neighbours of `x` and `v ≠ x`.
    #[inline]
    pub(super) fn cn(&self, v: u32) -> u32 {
        self.cn[v as usize]
    }

    /// Position of `v` in N(x), if it is a neighbour.
    #[inline]
    pub(super) fn local(&self, v: u32) -> Option<u32> {
        let p = self.pos[v as usize];
        (p != NONE).then_some(p)
    }

    fn row_bits(&self, i: u32) -> &[u64] {
        &self.bits[i as usize * self.words..][..self.words]
    }

    fn row_list(&self, i: u32) -> &[u32] {
        &self.idx[self.off[i as usize] as usize..self.off[i as usize + 1] as usize]
    }

    /// Positions of the common neighbours of `x` and `touched()[k]`, increasing (needs
    /// `groups`).
    pub(super) fn group(&self, k: usize) -> &[u32] {
        &self.via[self.start[k] as usize..self.start[k + 1] as usize]
    }

    /// `out` = the common neighbours of `x` and `touched()[k]` (needs `groups`).
    pub(super) fn common(&self, k: usize, out: &mut Set) {
        let members = self.group(k);
        if self.dense {
            out.bits.clear();
            out.bits.resize(self.words, 0);
            for &p in members {
                out.bits[p as usize / 64] |= 1 << (p % 64);
            }
        } else {
            out.list.clear();
            out.list.extend_from_slice(members);
        }
    }

    /// `out` = N(x) ∩ N(a) ∩ N(b) for positions `i`, `j` of `a`, `b`.
    pub(super) fn meet(&self, i: u32, j: u32, out: &mut Set) {
        if self.dense {
            out.bits.clear();
            out.bits.extend(
                self.row_bits(i)
                    .iter()
                    .zip(self.row_bits(j))
                    .map(|(p, q)| p & q),
            );
        } else {
            out.list.clear();
            let (a, b) = (self.row_list(i), self.row_list(j));
            let (mut p, mut q) = (0, 0);
            while p < a.len() && q < b.len() {
                match a[p].cmp(&b[q]) {
                    std::cmp::Ordering::Less => p += 1,
                    std::cmp::Ordering::Greater => q += 1,
                    std::cmp::Ordering::Equal => {
                        out.list.push(a[p]);
                        p += 1;
                        q += 1;
                    }
                }
            }
        }
    }

    /// Calls `f` on the position of each neighbour of `x` adjacent to the one at `i`.
    pub(super) fn row_for_each(&self, i: u32, mut f: impl FnMut(u32)) {
        if self.dense {
            for (wi, &word) in self.row_bits(i).iter().enumerate() {
                let mut word = word;
                while word != 0 {
                    f(wi as u32 * 64 + word.trailing_zeros());
                    word &= word - 1;
                }
            }
        } else {
            self.row_list(i).iter().for_each(|&p| f(p));
        }
    }

    /// Number of members of `s`.
    pub(super) fn len(&self, s: &Set) -> u32 {
        if self.dense {
            s.bits.iter().map(|w| w.count_ones()).sum()
        } else {
            s.list.len() as u32
        }
    }

    /// Calls `f` on each member of `s`, increasing.
    pub(super) fn for_each(&self, s: &Set, mut f: impl FnMut(u32)) {
        if self.dense {
            for (wi, &word) in s.bits.iter().enumerate() {
                let mut word = word;
                while word != 0 {
                    f(wi as u32 * 64 + word.trailing_zeros());
                    word &= word - 1;
                }
            }
        } else {
            s.list.iter().for_each(|&p| f(p));
        }
    }

    /// Members of `s` at positions `from` and above that are adjacent to the neighbour at
    /// position `i`.
    pub(super) fn count_in_row(&self, s: &Set, i: u32, from: u32) -> u32 {
        if self.dense {
            let row = self.row_bits(i);
            let first = from as usize / 64;
            let mut total = 0;
            for (wi, (&a, &b)) in s.bits.iter().zip(row).enumerate().skip(first) {
                let mut word = a & b;
                if wi == first {
                    word &= u64::MAX << (from % 64);
                }
                total += word.count_ones();
            }
            total
        } else {
            let row = self.row_list(i);
            let row = &row[row.partition_point(|&p| p < from)..];
            let list = &s.list[..];
            let (mut p, mut q, mut total) = (0, 0, 0);
            while p < row.len() && q < list.len() {
                match row[p].cmp(&list[q]) {
                    std::cmp::Ordering::Less => p += 1,
                    std::cmp::Ordering::Greater => q += 1,
                    std::cmp::Ordering::Equal => {
                        total += 1;
                        p += 1;
                        q += 1;
                    }
                }
            }
            total
        }
    }

    /// Size of `row_i ∩ row_j`: common neighbours of `x` and the neighbours at `i` and `j`.
    pub(super) fn meet_len(&self, i: u32, j: u32, scratch: &mut Set) -> u32 {
        if self.dense {
            self.row_bits(i)
                .iter()
                .zip(self.row_bits(j))
                .map(|(p, q)| (p & q).count_ones())
                .sum()
        } else {
            self.meet(i, j, scratch);
            scratch.list.len() as u32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// Everything one root's neighbourhood answers, in a comparable form.
    fn answers(h: &mut Hood, g: &Graph, x: u32) -> Vec<Vec<u32>> {
        h.load(g, x, true);
        let d = g.degree(x) as u32;
        let mut out = vec![h.touched().iter().map(|&z| h.cn(z)).collect::<Vec<_>>()];
        let (mut s, mut t) = (Set::default(), Set::default());
        for i in 0..d {
            let mut row = Vec::new();
            h.row_for_each(i, |p| row.push(p));
            out.push(row);
            for j in 0..d {
                h.meet(i, j, &mut s);
                let mut members = vec![h.len(&s), h.meet_len(i, j, &mut t)];
                h.for_each(&s, |p| members.push(p));
                let froms = [0, i, i + 1, 63, 64, 65, d / 2, d];
                members.extend(froms.map(|from| h.count_in_row(&s, i, from.min(d))));
                out.push(members);
            }
        }
        for k in 0..h.touched().len() {
            h.common(k, &mut s);
            let mut members = h.group(k).to_vec();
            h.for_each(&s, |p| members.push(p));
            members.extend((0..d).map(|i| h.count_in_row(&s, i, 0)));
            out.push(members);
        }
        h.clear(g, x);
        out
    }

    /// Bit rows and sorted position lists answer every question alike.
    #[test]
    fn dense_and_sparse_rows_agree() {
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(7);
        for _ in 0..10 {
            let n = rng.random_range(2..80u32);
            let p = rng.random_range(0.05..0.9);
            let edges: Vec<(u32, u32)> = (0..n)
                .flat_map(|u| (u + 1..n).map(move |v| (u, v)))
                .filter(|_| rng.random_bool(p))
                .collect();
            let g = Graph::from_edges(n as usize, edges).unwrap();
            let (mut dense, mut sparse) =
                (Hood::new(n as usize), Hood::with_dense_max(n as usize, 0));
            for x in 0..n {
                assert_eq!(
                    answers(&mut dense, &g, x),
                    answers(&mut sparse, &g, x),
                    "root {x}"
                );
            }
        }
    }
}
