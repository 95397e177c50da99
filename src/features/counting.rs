//! Orbit counts from counting equations instead of graphlet enumeration.
//!
//! For every vertex `x` we compute a vector of *features*: sums over small structures rooted at
//! `x` that are cheap to evaluate (degrees, per-edge triangle counts, common-neighbour counts of
//! `x` with every vertex, products of those, and enumerations of triangles, 4-cliques and
//! 5-cliques only). Every feature counts structures on at most 5 vertices whose presence
//! depends only on the subgraph they induce, so it is a fixed linear combination of `x`'s orbit
//! counts: `F = M · o`. The matrix `M` is not written by hand: it is derived by running the very
//! same feature code on every graphlet and all its induced subgraphs (inclusion–exclusion over
//! vertex subsets gives the contribution of structures spanning exactly the whole graphlet).
//! A full-rank square subsystem is then inverted once, exactly, over the rationals.
//!
//! Orbits of 4-vertex graphlets are solved first; the 5-vertex features also use the
//! neighbours' 4-vertex orbit counts.

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::graphlets::{node_orbit_count, GRAPHLETS};
use super::hood::{Hood, Set};
use crate::error::{Error, Result};
use crate::exec::{interrupt, Roots, Share};
use crate::graph::Graph;

/// Number of features computed at level 4 and level 5.
const F4: usize = 19;
const F5: usize = F4 + 69 + 12 + 10 + 6 + 8 + 5 + 1 + 5 + 2;

#[inline]
fn c2(n: i128) -> i128 {
    n * (n - 1) / 2
}

#[inline]
fn c3(n: i128) -> i128 {
    n * (n - 1) * (n - 2) / 6
}

/// Per-worker scratch: the root's neighbourhood and two sets of positions in it.
struct Scratch {
    hood: Hood,
    set: Set,
    tmp: Set,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            hood: Hood::new(n),
            set: Set::default(),
            tmp: Set::default(),
        }
    }
}

/// Per-edge and per-vertex quantities shared by all roots.
struct Prep {
    /// Triangles on each edge, indexed like [`Graph::adjacency`].
    tri: Vec<u32>,
    /// 4-cycles through each edge (not necessarily induced), indexed like `tri`.
    c4: Vec<u64>,
    /// Per edge `a–b`, indexed like `tri`: sums over the common neighbours `c` of `a` and `b`
    /// of `tri(a–c) − 1` and of `deg(c) − 2`.
    gem: Vec<[u64; 2]>,
    /// Per vertex `x`: sums over pairs `{p, q}` of neighbours of `x` of `C(c − 1, 2)`, where `c`
    /// counts the common neighbours of `p` and `q`; `[0]` for non-adjacent pairs, `[1]` adjacent.
    pair: Vec<[i128; 8]>,
    /// Per vertex `x`: `[0]` the sum over triangles `T` whose vertices are all adjacent to `x`
    /// of (common neighbours of `T`) − 1; over pairs `{p, q}` of neighbours of `x`, with `k`
    /// the common neighbours of `x`, `p` and `q`: `[1]` the sum of `k` times the common
    /// neighbours of `p` and `q`, `[2]` the sum of `k²`; `[3]` the 5-cliques at `x`.
    far: Vec<[i128; 4]>,
}

impl Prep {
    /// What the 4-vertex features read: the triangles on every edge, listed once on the
    /// id-oriented graph (for every vertex, not split by root: a small fraction of the
    /// features' cost; counting them from each root's neighbourhood made ca-GrQc's 4-vertex
    /// orbits 10–15 % slower).
    fn of_four(g: &Graph) -> Prep {
        Prep {
            tri: crate::exec::formulas::edge_triangles(g),
            c4: Vec::new(),
            gem: Vec::new(),
            pair: Vec::new(),
            far: Vec::new(),
        }
    }
}

/// One vertex's per-edge values for [`Prep`]: first adjacency slot, triangles, 4-cycles and
/// `gem` sums of its edges.
type EdgeChunk = (usize, Vec<u32>, Vec<u64>, Vec<[u64; 2]>);

/// The part of [`Prep`] computed from some roots: the per-edge values of the roots' edges, and
/// the roots' scatter to every vertex's `pair` and `far` sums. The parts of disjoint roots
/// covering all vertices make the whole [`Prep`] ([`merge`]).
#[derive(Serialize, Deserialize)]
struct PrepPart {
    chunks: Vec<EdgeChunk>,
    pair: Vec<[i128; 8]>,
    far: Vec<[i128; 4]>,
}

impl PrepPart {
    /// The part of no roots, for `n` vertices.
    fn empty(n: usize) -> PrepPart {
        PrepPart {
            chunks: Vec::new(),
            pair: vec![[0; 8]; n],
            far: vec![[0; 4]; n],
        }
    }

    /// Adds the part of other, disjoint roots.
    fn absorb(&mut self, other: PrepPart) {
        self.chunks.extend(other.chunks);
        add_rows(&mut self.pair, &other.pair);
        add_rows(&mut self.far, &other.far);
    }
}

/// What one worker of [`prepare`] accumulates.
struct PrepFold {
    part: PrepPart,
    s: Scratch,
}

/// The [`PrepPart`] of `roots`, for the 5-vertex features ([`Prep::of_four`] serves the
/// 4-vertex ones).
///
/// `stoppable`: give up early when [`interrupt::requested`] (the caller then checks the flag);
/// off for the graphlets behind the solvers, which must always be complete.
fn prepare(g: &Graph, stoppable: bool, roots: Roots) -> PrepPart {
    let n = g.num_vertices();
    let empty = || PrepPart::empty(n);
    (0..n)
        .into_par_iter()
        // Each fold holds several n-sized arrays: a few folds per thread, not dozens.
        .with_min_len((n / (rayon::current_num_threads() * 4)).max(1))
        .fold(
            || PrepFold {
                part: empty(),
                s: Scratch::new(n),
            },
            |mut acc, u| {
                if (stoppable && interrupt::requested()) || !roots.contains(u as u32) {
                    return acc;
                }
                prepare_root(g, u as u32, &mut acc);
                acc
            },
        )
        .map(|acc| acc.part)
        .reduce(empty, |mut a, b| {
            a.absorb(b);
            a
        })
}

/// The whole [`Prep`] from the parts of disjoint roots that cover every vertex.
fn merge(g: &Graph, parts: Vec<PrepPart>) -> Prep {
    let slots = g.adjacency().len();
    let mut tri = vec![0u32; slots];
    let mut c4 = vec![0u64; slots];
    let mut gem = vec![[0u64; 2]; slots];
    let mut parts = parts.into_iter();
    let mut whole = parts
        .next()
        .unwrap_or_else(|| PrepPart::empty(g.num_vertices()));
    for part in parts {
        whole.absorb(part);
    }
    let PrepPart { chunks, pair, far } = whole;
    for (start, t, c, e) in chunks {
        tri[start..start + t.len()].copy_from_slice(&t);
        c4[start..start + c.len()].copy_from_slice(&c);
        gem[start..start + e.len()].copy_from_slice(&e);
    }
    Prep {
        tri,
        c4,
        gem,
        pair,
        far,
    }
}

/// The whole [`Prep`] of a small graph, on one worker, unstoppable.
fn prepare_whole(g: &Graph, five: bool) -> Prep {
    match five {
        true => merge(g, vec![prepare(g, false, Roots::All)]),
        false => Prep::of_four(g),
    }
}

fn add_rows<const W: usize>(into: &mut [[i128; W]], from: &[[i128; W]]) {
    for (a, b) in into.iter_mut().zip(from) {
        for (x, y) in a.iter_mut().zip(b) {
            *x += y;
        }
    }
}

/// The per-edge values of `u`'s edges, and `u`'s scatter to the `pair` and `far` sums.
fn prepare_root(g: &Graph, u: u32, fold: &mut PrepFold) {
    let Scratch { hood, set, tmp } = &mut fold.s;
    let acc = &mut fold.part;
    let start = g.offsets()[u as usize] as usize;
    hood.load(g, u, true);
    let h = &*hood;
    let nu = g.neighbors(u);
    let tri: Vec<u32> = nu.iter().map(|&v| h.cn(v)).collect();
    let (mut c4, mut gem) = (Vec::new(), Vec::new());
    // Per neighbour of u: its `far[0]` and `far[3]` terms from the triangles at u, summed
    // here and scattered once.
    let mut local = vec![[0u64; 2]; nu.len()];
    let mut k5_at_u = 0;
    for (i, &v) in nu.iter().enumerate() {
        c4.push(
            g.neighbors(v)
                .iter()
                .filter(|&&w| w != u)
                .map(|&w| u64::from(h.cn(w)) - 1)
                .sum::<u64>(),
        );
        let mut e = [0u64; 2];
        h.row_for_each(i as u32, |c| {
            let w = nu[c as usize];
            e[0] += u64::from(h.cn(w)) - 1;
            e[1] += g.degree(w) as u64 - 2;
        });
        gem.push(e);
        // Triangles u < v < w with the set C of common neighbours of all three: each member
        // of C gets |C| − 1; each edge e–f of C with w < e < f is a 5-clique found once.
        if v > u {
            h.row_for_each(i as u32, |c| {
                if c > i as u32 {
                    h.meet(i as u32, c, tmp);
                    let k = u64::from(h.len(tmp)) - 1;
                    let mut twice_k5 = 0;
                    h.for_each(tmp, |p| {
                        let sums = &mut local[p as usize];
                        sums[0] += k;
                        if p > c {
                            let m = u64::from(h.count_in_row(tmp, p, c + 1));
                            sums[1] += m;
                            twice_k5 += m;
                        }
                    });
                    local[i][1] += twice_k5 / 2;
                    local[c as usize][1] += twice_k5 / 2;
                    k5_at_u += twice_k5 / 2;
                }
            });
        }
    }
    for (sums, &w) in local.iter().zip(nu) {
        let far = &mut acc.far[w as usize];
        far[0] += i128::from(sums[0]);
        far[3] += i128::from(sums[1]);
    }
    acc.far[u as usize][3] += i128::from(k5_at_u);
    // Pairs u < q with common neighbours B: edges inside B, and each member's degree in B.
    for (k, &q) in h.touched().iter().enumerate() {
        if q < u {
            continue;
        }
        let c = i128::from(h.cn(q));
        h.common(k, set);
        let (mut twice_e, mut sdeg) = (0i128, 0i128);
        h.for_each(set, |p| {
            let m = i128::from(h.count_in_row(set, p, 0));
            twice_e += m;
            sdeg += g.degree(nu[p as usize]) as i128;
            let far = &mut acc.far[nu[p as usize] as usize];
            far[1] += c * m;
            far[2] += m * m;
        });
        let adjacent = usize::from(h.local(q).is_some());
        for &p in h.group(k) {
            let v = nu[p as usize];
            let sd = sdeg - g.degree(v) as i128;
            let row = &mut acc.pair[v as usize];
            row[adjacent] += c2(c - 1);
            row[2 + adjacent] += c - 1;
            row[4 + adjacent] += sd - 2 * (c - 1);
            row[6 + adjacent] += twice_e / 2;
        }
    }
    acc.chunks.push((start, tri, c4, gem));
    hood.clear(g, u);
}

/// Features of root `x`: the level-4 block, and the level-5 block when `o4` (every vertex's
/// orbits 0..15) is given.
fn features(
    g: &Graph,
    prep: &Prep,
    o4: Option<&[[u64; 15]]>,
    x: u32,
    s: &mut Scratch,
    out: &mut [i128],
) {
    let offsets = g.offsets();
    let tri = &prep.tri[..];
    let c4 = &prep.c4[..];
    let nx = g.neighbors(x);
    let d = nx.len() as i128;
    let deg = |v: u32| g.degree(v) as i128;
    let xs = offsets[x as usize] as usize;
    let five = o4.is_some();
    let Scratch { hood, set, tmp } = s;
    hood.load(g, x, five);
    let h = &*hood;

    let mut f = [0i128; F5];
    // Vertex terms.
    f[0] = d;
    f[1] = c2(d);
    f[2] = c3(d);
    let c4d = d * (d - 1) * (d - 2) * (d - 3) / 24;
    let q = d - 1;
    // Neighbour terms: p = other neighbours of a, t = triangles on x–a.
    let (mut sp, mut st, mut sp2, mut st2) = (0i128, 0i128, 0i128, 0i128);
    let (mut spp, mut stt, mut spt) = (0i128, 0i128, 0i128);
    let mut nb = [0i128; 16];
    // Three-vertex orbits of neighbours and 2-hop vertices, times local counts.
    let mut ex = [0i128; 12];
    // 4-cycles through edges at x (x–a) or near x (a–b).
    let mut cyc = [0i128; 6];
    // Second common neighbours c of a triangle's edge a–b.
    let mut gem = [0i128; 5];
    // 4-cycles a–b–c–b' with b, b' in N(x), by where c lies (see the 2-hop loop).
    let mut nc4 = [0i128; 4];
    for (i, &a) in nx.iter().enumerate() {
        let p = deg(a) - 1;
        let t = tri[xs + i] as i128;
        sp += p;
        st += t;
        sp2 += c2(p);
        st2 += c2(t);
        spp += p * p;
        stt += t * t;
        spt += p * t;
        if five {
            nb[0] += c3(p);
            nb[1] += c3(t);
            nb[2] += c2(p) * q;
            nb[3] += p * c2(q);
            nb[4] += c2(t) * q;
            nb[5] += t * c2(q);
            nb[6] += t * p * q;
            nb[7] += c2(t) * p;
            nb[8] += t * c2(p);
            nb[9] += c2(t) * t;
            nb[10] += c2(p) * p;
            let c4xa = c4[xs + i] as i128;
            cyc[2] += c4xa * (q - 1);
            cyc[3] += c4xa * (p - 1);
            cyc[4] += c4xa * t;
            cyc[5] += c4xa;
            let oa = &o4.expect("level 5")[a as usize];
            for j in 1..4 {
                let o = oa[j] as i128;
                ex[j - 1] += o * q;
                ex[2 + j] += o * t;
                ex[5 + j] += o * p;
            }
        }
    }
    f[3] = sp;
    f[4] = st;
    f[5] = sp2;
    f[6] = st2;
    f[7] = sp * q;
    f[8] = st * q;
    // Wedges x–a–b (b ≠ x) and triangles x–a–b (a < b), 4-cliques x–a–b–c (a < b < c), 5-cliques.
    let (mut w_r, mut w_s) = (0i128, 0i128);
    let mut w = [0i128; 16];
    let mut tr = [0i128; 15];
    let mut k4 = [0i128; 8];
    let mut tr4 = [0i128; 2];
    let mut more = [0i128; 12];
    // Σ over triangles x, a, b of the common neighbours of all three: 3 × the 4-cliques at x.
    let mut k4sum = 0i128;
    for (i, &a) in nx.iter().enumerate() {
        let t_a = tri[xs + i] as i128;
        let p_a = deg(a) - 1;
        let a_start = offsets[a as usize] as usize;
        let na = g.neighbors(a);
        for (j, &b) in na.iter().enumerate() {
            if b == x {
                continue;
            }
            let r = deg(b) - 1;
            let sab = tri[a_start + j] as i128;
            let cb = h.cn(b) as i128;
            w_r += r;
            w_s += sab;
            if five {
                w[0] += c2(r);
                w[1] += r * sab;
                w[2] += c2(sab);
                w[3] += r * (p_a - 1);
                w[4] += sab * (p_a - 1);
                w[5] += r * q;
                w[6] += sab * q;
                w[7] += cb * r;
                w[8] += c2(cb);
                w[9] += cb * sab;
                w[10] += cb * (p_a - 1);
                w[11] += cb * q;
                w[12] += r * t_a;
                w[13] += sab * t_a;
                w[14] += cb * t_a;
                cyc[0] += c4[a_start + j] as i128;
            }
            let Some(ib) = h.local(b) else {
                continue;
            };
            if five {
                // Both orders of every triangle x, a, b.
                let [e0, e1] = prep.gem[a_start + j];
                gem[0] += e0 as i128;
                gem[1] += e1 as i128;
            }
            if b > a {
                // Triangle x, a, b.
                let t_b = h.cn(b) as i128;
                let p_b = deg(b) - 1;
                tr[0] += sab - 1;
                tr4[0] += p_a - 1 + p_b - 1;
                tr4[1] += q - 1;
                let kxab = i128::from(h.meet_len(i as u32, ib, tmp));
                k4sum += kxab;
                if five {
                    k4[1] += (sab - 2) * kxab;
                    k4[2] += kxab * (t_a + t_b - 4);
                    k4[3] += kxab * (p_a + p_b - 6);
                    tr[1] += c2(sab - 1);
                    tr[2] += (sab - 1) * (p_a - 1 + p_b - 1);
                    tr[3] += (t_a - 1) * (t_b - 1);
                    tr[4] += (sab - 1) * (q - 1);
                    tr[5] += kxab;
                    tr[6] += c2(kxab);
                    tr[7] += (p_a - 1) * (p_b - 1);
                    tr[8] += (t_a - 1) + (t_b - 1);
                    tr[9] += (sab - 1) * (t_a - 1 + t_b - 1);
                    tr[10] += (t_a - 1 + t_b - 1) * (q - 1);
                    tr[11] += (p_a - 1 + p_b - 1) * (q - 1);
                    tr[12] += c2(q - 1);
                    tr[13] += (t_a - 1) * (p_b - 1) + (t_b - 1) * (p_a - 1);
                    if let Some(o4) = o4 {
                        let (oa, ob) = (&o4[a as usize], &o4[b as usize]);
                        more[0] += (oa[1] + ob[1]) as i128;
                        more[1] += (oa[2] + ob[2]) as i128;
                        more[2] += (oa[3] + ob[3]) as i128;
                    }
                    more[3] += c2(p_a - 1) + c2(p_b - 1);
                    more[4] += (t_a - 1) * (p_a - 1) + (t_b - 1) * (p_b - 1);
                    more[5] += (sab - 1) * kxab;
                    cyc[1] += c4[a_start + j] as i128;
                }
                tr[14] += t_a + t_b;
            }
        }
    }
    k4[0] = k4sum / 3;
    k4[4] = (d - 3) * k4[0];
    f[9] = w_r;
    f[10] = w_s;
    f[11] = tr[0];
    // 2-hop terms.
    let mut h2 = [0i128; 8];
    let mut ezf = [0i128; 2];
    let mut all_c2 = 0i128;
    for (k, &z) in h.touched().iter().enumerate() {
        let c = h.cn(z) as i128;
        all_c2 += c2(c);
        if five {
            let adjacent = h.local(z).is_some();
            let r = deg(z) - c - if adjacent { 1 } else { 0 };
            if adjacent {
                h2[0] += c3(c);
                h2[1] += c2(c) * r;
            } else {
                h2[2] += c3(c);
                h2[3] += c2(c) * r;
                h2[4] += c2(c) * (d - c);
                h2[5] += c2(c);
            }
            // Paths x–a–z–c–e–x close 5-cycles (and, degenerately, shorter cycles).
            let around: i128 = g.neighbors(z).iter().map(|&c| h.cn(c) as i128).sum();
            more[6 + usize::from(!adjacent)] += c * around;
            more[8] += c2(c) * c;
            // Edges among the common neighbours B of x and z; for each a in B, pairs of its
            // neighbours in B close 4-cycles a–b–z–b' with b, b' in N(x).
            h.common(k, set);
            let (mut twice_e, mut cycles) = (0i128, 0i128);
            h.for_each(set, |p| {
                let m = i128::from(h.count_in_row(set, p, 0));
                twice_e += m;
                cycles += c2(m);
            });
            let e = twice_e / 2;
            nc4[1 + 2 * usize::from(!adjacent)] += cycles;
            gem[2] += c * e;
            if !adjacent {
                gem[3] += (c - 2) * e;
                gem[4] += e;
                ezf[0] += e * (deg(z) - c);
                ezf[1] += e * (c - 2);
            }
            let oz = &o4.expect("level 5")[z as usize];
            for j in 1..4 {
                ex[8 + j] += c * oz[j] as i128;
            }
        }
    }
    if five {
        // Pairs b, b' of neighbours of x with their common neighbours c anywhere, from the
        // scatter of `prepare` (the cases above, c adjacent to a, are local).
        let far = &prep.far[x as usize];
        nc4[0] = far[2];
        nc4[2] = far[1];
    }
    let (k5m, k5) = if five {
        (prep.far[x as usize][0], prep.far[x as usize][3])
    } else {
        (0, 0)
    };
    let h = h2;
    f[12] = all_c2;
    f[13] = tr[14];
    f[14] = tr4[0];
    f[15] = tr4[1];
    f[16] = spt;
    f[17] = st * q;
    f[18] = k4[0];
    if five {
        let mut i = F4;
        // Pairs of distinct neighbours a ≠ a'.
        let pairs = [(sp * sp - spp) / 2, (st * st - stt) / 2, st * sp - spt];
        for v in pairs
            .iter()
            .chain(&nb[..11])
            .chain(&w[..15])
            .chain(&tr[1..14])
            .chain(&k4[..5])
            .chain(std::iter::once(&k5))
            .chain(&h[..6])
            .chain(&ex)
            .chain(&more[..9])
            .chain(std::iter::once(&c4d))
            .chain(&cyc)
            .chain(&prep.pair[x as usize])
            .chain(&gem)
            .chain(&nc4)
            .chain(std::iter::once(&k5m))
            .chain(&ezf)
            .chain(std::iter::once(
                &(d * (prep.pair[x as usize][2] + prep.pair[x as usize][3])),
            ))
        {
            f[i] = *v;
            i += 1;
        }
        let o4 = o4.expect("level 5");
        for j in 0..15 {
            f[i + j] = nx.iter().map(|&a| o4[a as usize][j] as i128).sum();
        }
        i += 15;
        debug_assert_eq!(i, F5);
    }
    out.copy_from_slice(&f[..out.len()]);
    hood.clear(g, x);
}

/// Solves `x`'s orbits from its features: `orbits = a · features[selected] / den`.
struct Solver {
    selected: Vec<usize>,
    a: Vec<Vec<i64>>,
    den: i128,
}

/// An exact rational `num / den`, `den > 0`, in lowest terms.
#[derive(Clone, Copy, PartialEq)]
struct Q {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Q {
    fn new(num: i128, den: i128) -> Q {
        let g = gcd(num, den).max(1) * den.signum();
        Q {
            num: num / g,
            den: den / g,
        }
    }
    fn zero(self) -> bool {
        self.num == 0
    }
    fn sub_mul(self, f: Q, y: Q) -> Q {
        // self - f·y
        Q::new(
            self.num * f.den * y.den - f.num * y.num * self.den,
            self.den * f.den * y.den,
        )
    }
    fn div(self, y: Q) -> Q {
        Q::new(self.num * y.den, self.den * y.num)
    }
}

/// The features of every vertex of `g` at `level`, with the 4-vertex orbits `o4` for level 5.
fn all_features(g: &Graph, prep: &Prep, o4: Option<&[[u64; 15]]>, width: usize) -> Vec<i128> {
    let n = g.num_vertices();
    let mut out = vec![0i128; n * width];
    out.par_chunks_mut(width)
        .enumerate()
        .with_min_len(min_len(n))
        .for_each_init(
            || Scratch::new(n),
            |scratch, (x, row)| features(g, prep, o4, x as u32, scratch, row),
        );
    out
}

/// `(features, orbit)` contributions of structures spanning a whole graphlet: for each graphlet
/// vertex `x`, inclusion–exclusion over the vertex subsets containing `x`.
fn derive_matrix(level: usize, solver4: Option<&Solver>) -> Vec<Vec<Q>> {
    let width = if level == 4 { F4 } else { F5 };
    let orbits = node_orbit_count(level);
    let mut m = vec![vec![Q::new(0, 1); orbits]; width];
    let mut seen = vec![false; orbits];
    for gl in GRAPHLETS.iter().filter(|gl| gl.k <= level) {
        for x in 0..gl.k {
            let orbit = gl.node_orbits[x] as usize;
            let mut total = vec![0i128; width];
            for subset in 0u32..1 << gl.k {
                if subset >> x & 1 == 0 {
                    continue;
                }
                let ids: Vec<usize> = (0..gl.k).filter(|&v| subset >> v & 1 == 1).collect();
                let pos = |v: usize| ids.iter().position(|&u| u == v);
                let edges = gl
                    .edges
                    .iter()
                    .filter_map(|&(a, b)| Some((pos(a as usize)? as u32, pos(b as usize)? as u32)));
                let g = Graph::from_edges(ids.len(), edges).expect("graphlet");
                let prep = prepare_whole(&g, solver4.is_some());
                let o4 = solver4.map(|s4| {
                    solve_all(&g, &prep, None, s4, 15, false, Roots::All).expect("small")
                });
                let o4: Option<Vec<[u64; 15]>> =
                    o4.map(|flat| flat.chunks(15).map(|c| c.try_into().expect("15")).collect());
                let feats = all_features(&g, &prep, o4.as_deref(), width);
                let sign = if (gl.k - ids.len()) % 2 == 0 { 1 } else { -1 };
                let row = &feats[pos(x).expect("x") * width..][..width];
                for (t, &v) in total.iter_mut().zip(row) {
                    *t += sign * v;
                }
            }
            for (fi, &v) in total.iter().enumerate() {
                let q = Q::new(v, 1);
                assert!(
                    !seen[orbit] || m[fi][orbit] == q,
                    "feature {fi} differs within orbit {orbit}"
                );
                m[fi][orbit] = q;
            }
            seen[orbit] = true;
        }
    }
    m
}

impl Solver {
    /// Picks, in feature order, rows of `m` that raise the rank until it is full, and inverts
    /// that square system.
    fn new(m: &[Vec<Q>]) -> Solver {
        let cols = m[0].len();
        let mut basis: Vec<Vec<Q>> = Vec::new();
        let mut pivots: Vec<usize> = Vec::new();
        let mut selected = Vec::new();
        for (fi, row) in m.iter().enumerate() {
            let mut r = row.clone();
            for (b, &p) in basis.iter().zip(&pivots) {
                if !r[p].zero() {
                    let f = r[p].div(b[p]);
                    for c in 0..cols {
                        r[c] = r[c].sub_mul(f, b[c]);
                    }
                }
            }
            if let Some(p) = (0..cols).find(|&c| !r[c].zero()) {
                basis.push(r);
                pivots.push(p);
                selected.push(fi);
                if selected.len() == cols {
                    break;
                }
            }
        }
        if selected.len() != cols {
            let rank = |rows: &[Vec<Q>]| {
                let mut basis: Vec<(Vec<Q>, usize)> = Vec::new();
                for row in rows {
                    let mut r = row.clone();
                    for (b, p) in &basis {
                        if !r[*p].zero() {
                            let f = r[*p].div(b[*p]);
                            for c in 0..cols {
                                r[c] = r[c].sub_mul(f, b[c]);
                            }
                        }
                    }
                    if let Some(p) = (0..cols).find(|&c| !r[c].zero()) {
                        basis.push((r, p));
                    }
                }
                basis.len()
            };
            let base = rank(m);
            let missing: Vec<usize> = (0..cols)
                .filter(|&j| {
                    let mut rows = m.to_vec();
                    rows.push((0..cols).map(|c| Q::new(i128::from(c == j), 1)).collect());
                    rank(&rows) > base
                })
                .collect();
            panic!("orbit features have rank {base}; orbits {missing:?} are not determined");
        }
        // Gauss–Jordan on [B | I].
        let mut aug: Vec<Vec<Q>> = selected
            .iter()
            .enumerate()
            .map(|(i, &fi)| {
                let mut r = m[fi].clone();
                r.extend((0..cols).map(|j| Q::new(i128::from(i == j), 1)));
                r
            })
            .collect();
        for c in 0..cols {
            let p = (c..cols).find(|&r| !aug[r][c].zero()).expect("invertible");
            aug.swap(c, p);
            let piv = aug[c][c];
            for q in aug[c].iter_mut() {
                *q = q.div(piv);
            }
            let pivot_row = aug[c].clone();
            for (r, row) in aug.iter_mut().enumerate() {
                if r != c && !row[c].zero() {
                    let f = row[c];
                    for (q, &v) in row.iter_mut().zip(&pivot_row) {
                        *q = q.sub_mul(f, v);
                    }
                }
            }
        }
        let den = aug
            .iter()
            .flat_map(|r| r[cols..].iter())
            .fold(1i128, |l, q| l / gcd(l, q.den) * q.den);
        let a = aug
            .iter()
            .map(|r| {
                r[cols..]
                    .iter()
                    .map(|q| {
                        let c = q.num * (den / q.den);
                        assert!(c.abs() < 1 << 40, "orbit equation coefficient too large");
                        c as i64
                    })
                    .collect()
            })
            .collect();
        Solver { selected, a, den }
    }

    fn solve(&self, feats: &[i128], out: &mut [u64]) -> Result<()> {
        // Coefficients are below 2^40 (checked when the solver is built), so with every feature
        // below 2^62 no sum of ~100 products can leave i128 and plain arithmetic is exact.
        const SMALL: i128 = 1 << 62;
        let small = self.selected.iter().all(|&fi| feats[fi].abs() < SMALL);
        for (o, row) in out.iter_mut().zip(&self.a) {
            let acc = if small {
                row.iter()
                    .zip(&self.selected)
                    .map(|(&coef, &fi)| i128::from(coef) * feats[fi])
                    .sum::<i128>()
            } else {
                let mut acc = 0i128;
                for (&coef, &fi) in row.iter().zip(&self.selected) {
                    acc = i128::from(coef)
                        .checked_mul(feats[fi])
                        .and_then(|t| acc.checked_add(t))
                        .ok_or_else(|| Error::Overflow("an orbit-count equation term".into()))?;
                }
                acc
            };
            debug_assert_eq!(acc % self.den, 0, "inexact orbit solution");
            *o = u64::try_from(acc / self.den)
                .map_err(|_| Error::Overflow("an orbit count".into()))?;
        }
        Ok(())
    }
}

fn solve_all(
    g: &Graph,
    prep: &Prep,
    o4: Option<&[[u64; 15]]>,
    solver: &Solver,
    orbits: usize,
    stoppable: bool,
    roots: Roots,
) -> Result<Vec<u64>> {
    let width = if o4.is_some() { F5 } else { F4 };
    let n = g.num_vertices();
    let mut out = vec![0u64; n * orbits];
    out.par_chunks_mut(orbits)
        .enumerate()
        .with_min_len(min_len(n))
        .try_for_each_init(
            || (Scratch::new(n), vec![0i128; width]),
            |(scratch, feats), (x, row)| {
                if stoppable {
                    interrupt::check("counting graphlet orbits")?;
                }
                if !roots.contains(x as u32) {
                    return Ok(());
                }
                features(g, prep, o4, x as u32, scratch, feats);
                solver.solve(feats, row)
            },
        )?;
    Ok(out)
}

/// Vertices per rayon job at least: every job allocates O(n) scratch space, so unbounded
/// splitting (thousands of jobs) spends more time faulting in fresh pages than counting.
fn min_len(n: usize) -> usize {
    (n / (rayon::current_num_threads() * 32)).max(1)
}

/// Runs `derive` (hundreds of tiny graphlet computations) on a one-thread pool of its own:
/// inside one worker their parallel loops run inline, where from outside the pool each would
/// pay a hand-off to the workers and back. The pool is entered from a thread of its own: a
/// rayon worker calling `install` would steal other jobs while it waits, and one of them could
/// ask for the solvers again (a TU batch counts graphs in parallel), re-entering the
/// initialisation.
fn derive_alone(derive: fn() -> Solver) -> Solver {
    let run = move || match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool.install(derive),
        Err(_) => derive(),
    };
    std::thread::spawn(run).join().unwrap_or_else(|_| derive())
}

/// The 4-vertex solver; built on first use, without the 5-vertex one.
fn solver4() -> &'static Solver {
    static S4: OnceLock<Solver> = OnceLock::new();
    S4.get_or_init(|| derive_alone(|| Solver::new(&derive_matrix(4, None))))
}

/// The 5-vertex solver (its features use the 4-vertex orbits).
fn solver5() -> &'static Solver {
    static S5: OnceLock<Solver> = OnceLock::new();
    S5.get_or_init(|| derive_alone(|| Solver::new(&derive_matrix(5, Some(solver4())))))
}

/// Per-vertex orbit counts for `k` = 4 or 5 by counting equations (row-major, ORCA columns).
///
/// Only the rows of the vertices in `roots` are filled in (the others are zero: one worker's
/// shard of a distributed run). The stages before the last need every vertex's values: each
/// worker computes those of its roots and `share` hands every worker the whole: the
/// per-edge preparation, and for `k = 5` every vertex's 4-vertex orbits (the 5-vertex
/// equations read them at the neighbours and two hops away).
pub(crate) fn node_orbits<X: Share>(
    g: &Graph,
    k: usize,
    roots: Roots,
    share: &mut X,
) -> Result<Vec<u64>> {
    let s4 = solver4();
    if k == 4 {
        let prep = Prep::of_four(g);
        interrupt::check("counting graphlet orbits")?;
        return solve_all(g, &prep, None, s4, 15, true, roots);
    }
    let mine = prepare(g, true, roots);
    let mine = interrupt::check("counting graphlet orbits").map(|()| mine);
    let prep = merge(
        g,
        share.all_gather("orbit equations: per-edge values", mine)?,
    );
    let o4 = solve_all(g, &prep, None, s4, 15, true, roots);
    let o4 = share_rows(g, o4, 15, roots, share, "orbit equations: 4-vertex orbits")?;
    let o4: Vec<[u64; 15]> = o4.chunks(15).map(|c| c.try_into().expect("15")).collect();
    solve_all(g, &prep, Some(&o4), solver5(), 73, true, roots)
}

/// The whole `width`-column matrix on every worker, from each worker's `rows` of its `roots`.
fn share_rows<X: Share>(
    g: &Graph,
    rows: Result<Vec<u64>>,
    width: usize,
    roots: Roots,
    share: &mut X,
    what: &str,
) -> Result<Vec<u64>> {
    let n = g.num_vertices();
    if let Roots::All = roots {
        // Every row is here already.
        return rows;
    }
    let mine = rows.map(|rows| {
        let ids: Vec<u32> = (0..n as u32).filter(|&v| roots.contains(v)).collect();
        let values: Vec<u64> = ids
            .iter()
            .flat_map(|&v| rows[v as usize * width..][..width].iter().copied())
            .collect();
        (ids, values)
    });
    let mut whole = vec![0u64; n * width];
    for (ids, values) in share.all_gather(what, mine)? {
        for (&v, row) in ids.iter().zip(values.chunks(width)) {
            whole[v as usize * width..][..width].copy_from_slice(row);
        }
    }
    Ok(whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// The preparation's parts from disjoint roots merge into the whole-graph preparation, as
    /// a distributed run's workers merge theirs.
    #[test]
    fn prep_parts_merge_into_the_whole() {
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(7);
        for _ in 0..20 {
            let n = rng.random_range(5..40u32);
            let edges: Vec<(u32, u32)> = (0..n)
                .flat_map(|u| (u + 1..n).map(move |v| (u, v)))
                .filter(|_| rng.random_bool(0.3))
                .collect();
            let g = Graph::from_edges(n as usize, edges).unwrap();
            let whole = prepare_whole(&g, true);
            let parts = (0..3u32)
                .map(|w| {
                    let mine = move |v: u32| v % 3 == w;
                    prepare(&g, false, Roots::Only(&mine))
                })
                .collect();
            let merged = merge(&g, parts);
            assert_eq!(whole.tri, merged.tri);
            assert_eq!(whole.c4, merged.c4);
            assert_eq!(whole.gem, merged.gem);
            assert_eq!(whole.pair, merged.pair);
            assert_eq!(whole.far, merged.far);
            // The 4-vertex preparation counts the same triangles another way.
            assert_eq!(prepare_whole(&g, false).tri, whole.tri);
        }
    }

    /// Every feature equals its derived linear combination of the oracle's orbit counts.
    #[test]
    fn features_are_linear_in_orbits() {
        let s4 = Solver::new(&derive_matrix(4, None));
        let m4 = derive_matrix(4, None);
        let m5 = derive_matrix(5, Some(&s4));
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(1);
        let mut bad = std::collections::BTreeSet::new();
        for _ in 0..60 {
            let n = rng.random_range(3..10u32);
            let mut edges = Vec::new();
            for u in 0..n {
                for v in u + 1..n {
                    if rng.random_bool(0.5) {
                        edges.push((u, v));
                    }
                }
            }
            let g = Graph::from_edges(n as usize, edges).unwrap();
            let truth = crate::features::naive::node_orbits(&g, 5).unwrap();
            let prep = prepare_whole(&g, true);
            let o4: Vec<[u64; 15]> = (0..n as usize)
                .map(|v| truth.row(v)[..15].try_into().unwrap())
                .collect();
            let f4 = all_features(&g, &prep, None, F4);
            let f5 = all_features(&g, &prep, Some(&o4), F5);
            for v in 0..n as usize {
                for (level, m, f, w) in [(4, &m4, &f4, F4), (5, &m5, &f5, F5)] {
                    for fi in 0..w {
                        let expect: i128 = (0..m[fi].len())
                            .map(|o| m[fi][o].num * truth.get(v, o) as i128)
                            .sum();
                        if expect != f[v * w + fi] {
                            bad.insert((level, fi));
                        }
                    }
                }
            }
        }
        assert!(bad.is_empty(), "non-linear features: {bad:?}");
    }
}
