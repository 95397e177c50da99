//! The distributed jobs: what each worker computes on its shard and how the partial results
//! are combined. Every function runs on all processes and returns the result on process 0
//! (`None` elsewhere) as soon as worker 0 has it, with the exchange rounds for the report and
//! the rest of the run to wait for ([`Finished`]).
//!
//! | job | per worker | exchanged | combined on |
//! |---|---|---|---|
//! | count | one count per pattern from its roots | `16 · patterns` bytes | worker 0 (sum) |
//! | cliques | one count per size from its roots | `16 · sizes` bytes | worker 0 (sum) |
//! | motifs | per-pattern sums of its roots (ESU, or 5-vertex orbit equations) | `16 · patterns` bytes, and the equations' intermediate values (as orbits) | worker 0 (sum) |
//! | orbits | the orbit rows of the vertices it owns, after all-gathers of its roots' per-edge values and 4-vertex orbits (k = 5) | `8 · columns` bytes per vertex | worker 0 (placed by owner) |
//! | fsm | per level, each candidate's per-orbit domains from its roots | one domain set per worker per level | every worker (union) |

use std::ops::{ControlFlow, RangeInclusive};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::run::{Ctx, Finished, Runtime};
use super::shard::{Cost, Shard};
use crate::apps::cliques::{check_sizes, counts_in};
use crate::apps::fsm::{fsm_with, orbit_indices, Frequent, FsmOptions};
use crate::apps::motifs::Motifs;
use crate::error::{Error, Result};
use crate::exec::{cpu, Roots};
use crate::features::orbits::{node_orbits_in, OrbitMatrix};
use crate::graph::Graph;
use crate::pattern::Pattern;
use crate::plan::{GraphProfile, Plan, PlanOptions};
use crate::progress::Work;

/// What a job returns: its result on process 0, `None` elsewhere.
pub type Led<T> = Option<Finished<T>>;

/// This worker's shard of `graph`.
fn shard(ctx: &Ctx, graph: &Graph, cost: Cost) -> Shard {
    Shard::new(graph, cost, ctx.peers(), ctx.index())
}

/// Element-wise sums of the workers' vectors; `what` names a summed value in the overflow
/// error.
fn sum_parts(parts: Vec<Vec<u128>>, what: &str) -> Result<Vec<u128>> {
    let mut total = vec![0u128; parts.first().map_or(0, Vec::len)];
    for part in parts {
        for (t, x) in total.iter_mut().zip(part) {
            *t = t
                .checked_add(x)
                .ok_or_else(|| Error::Overflow(what.to_string()))?;
        }
    }
    Ok(total)
}

/// The unique-match count of each pattern (`saker count`, `saker cliques`).
///
/// # Errors
/// As [`cpu::count`], and [`Error::Distributed`].
pub fn count(runtime: Runtime, graph: Arc<Graph>, patterns: Vec<Pattern>) -> Result<Led<Vec<u64>>> {
    let is_clique = |p: &Pattern| p.num_edges() == p.num_vertices() * (p.num_vertices() - 1) / 2;
    let cost = match patterns.iter().all(is_clique) {
        true => Cost::OutNeighbourhood,
        false => Cost::Wedges,
    };
    runtime
        .run(move |ctx| {
            let shard = shard(ctx, &graph, cost);
            let owns = |v: u32| shard.owns(v);
            let profile = GraphProfile::of(&graph);
            let mine = patterns
                .iter()
                .map(|p| {
                    let plan = Plan::new(p, Some(&profile), PlanOptions::default());
                    cpu::count_in(&graph, &plan, Roots::Only(&owns))
                })
                .collect::<Result<Vec<u64>>>();
            let mine = mine.map(|counts| counts.into_iter().map(u128::from).collect());
            let Some(parts) = ctx.gather("pattern counts", mine)? else {
                return Ok(None);
            };
            sum_parts(parts, "a pattern count")?
                .into_iter()
                .map(|n| u64::try_from(n).map_err(|_| Error::Overflow("a pattern count".into())))
                .collect::<Result<Vec<u64>>>()
                .map(Some)
        })
        .map(flatten)
}

/// The number of `k`-cliques for every `k` in `sizes` (`saker cliques`), as `(k, count)`:
/// every worker counts the cliques rooted in its shard, all sizes in one pass.
///
/// # Errors
/// As [`crate::apps::cliques::clique_counts`], and [`Error::Distributed`].
pub fn cliques(
    runtime: Runtime,
    graph: Arc<Graph>,
    sizes: RangeInclusive<usize>,
) -> Result<Led<Vec<(usize, u128)>>> {
    check_sizes(&sizes)?;
    runtime
        .run(move |ctx| {
            let shard = shard(ctx, &graph, Cost::OutNeighbourhood);
            let owns = |v: u32| shard.owns(v);
            let mine = counts_in(&graph, sizes.clone(), &Work::silent(), Roots::Only(&owns))
                .map(|counts| counts.into_iter().map(|(_, n)| n).collect());
            let Some(parts) = ctx.gather("clique counts", mine)? else {
                return Ok(None);
            };
            let total = sum_parts(parts, "a clique count")?;
            Ok(Some(sizes.clone().zip(total).collect()))
        })
        .map(flatten)
}

/// Every connected `k`-vertex pattern's count (`saker motifs`).
///
/// # Errors
/// As [`Motifs::count`], and [`Error::Distributed`].
pub fn motifs(
    runtime: Runtime,
    graph: Arc<Graph>,
    motifs: Motifs,
) -> Result<Led<Vec<(Pattern, u64)>>> {
    motifs.check()?;
    let motifs = motifs.for_graph(&graph);
    runtime
        .run(move |ctx| {
            let shard = shard(ctx, &graph, Cost::Walks2);
            let owns = |v: u32| shard.owns(v);
            let mine = motifs.sums_in(&graph, Roots::Only(&owns), ctx);
            let Some(parts) = ctx.gather("motif sums", mine)? else {
                return Ok(None);
            };
            motifs
                .finish(sum_parts(parts, "a motif sum")?, true)
                .map(Some)
        })
        .map(flatten)
}

/// Per-vertex graphlet orbit counts (`saker orbits`, vertex orbits of one graph): each
/// worker fills the rows of the vertices it owns, and process 0 places them.
///
/// # Errors
/// As [`crate::features::orbits::node_orbits`], and [`Error::Distributed`].
pub fn orbits(runtime: Runtime, graph: Arc<Graph>, k: usize) -> Result<Led<OrbitMatrix>> {
    runtime
        .run(move |ctx| {
            let shard = shard(ctx, &graph, Cost::Walks2);
            let owns = |v: u32| shard.owns(v);
            let mine = node_orbits_in(&graph, k, Roots::Only(&owns), ctx).map(|matrix| {
                shard
                    .vertices()
                    .flat_map(|v| matrix.row(v as usize).to_vec())
                    .collect::<Vec<u64>>()
            });
            let Some(parts) = ctx.gather("orbit rows of owned vertices", mine)? else {
                return Ok(None);
            };
            let cols = crate::features::orbits::node_orbit_columns(k)?;
            let mut data = vec![0u64; graph.num_vertices() * cols];
            for (worker, rows) in parts.into_iter().enumerate() {
                for (v, row) in shard.vertices_of(worker).zip(rows.chunks(cols)) {
                    data[v as usize * cols..][..cols].copy_from_slice(row);
                }
            }
            OrbitMatrix::from_vec(graph.num_vertices(), cols, data).map(Some)
        })
        .map(flatten)
}

/// Frequent subgraph mining (`saker fsm`): per level, every worker computes each candidate's
/// exact per-orbit domains from its roots, the domains are unioned across all workers (every
/// worker gets the union: the next level grows from it), and the support is the smallest
/// union. Supports are exact (no early stop per pattern).
///
/// # Errors
/// As [`crate::apps::fsm::fsm`], and [`Error::Distributed`].
pub fn fsm(runtime: Runtime, graph: Arc<Graph>, options: FsmOptions) -> Result<Led<Vec<Frequent>>> {
    runtime.run(move |ctx| {
        let shard = shard(ctx, &graph, Cost::Wedges);
        let owns = |v: u32| shard.owns(v);
        let profile = GraphProfile::of(&graph);
        let n = graph.num_vertices();
        let mut level_no = 0;
        let found = fsm_with(&graph, &options, |level| {
            level_no += 1;
            let mine: Vec<Vec<Domain>> = level
                .iter()
                .map(|p| {
                    let pattern = p.clone().with_semantics(options.semantics);
                    let plan = Plan::new(&pattern, Some(&profile), PlanOptions::default());
                    domains(&graph, &plan, &orbit_indices(p), Roots::Only(&owns))
                })
                .collect();
            crate::exec::interrupt::check("frequent subgraph mining")?;
            let parts = ctx.all_gather(&format!("fsm level {level_no} domains"), Ok(mine))?;
            Ok((0..level.len())
                .map(|p| {
                    let orbits = parts[0][p].len();
                    (0..orbits)
                        .map(|o| union(n, parts.iter().map(|w| &w[p][o])))
                        .collect()
                })
                .collect())
        })?;
        Ok(found)
    })
}

/// The result of a job whose workers return `Some` on worker 0 only.
fn flatten<T>(led: Led<Option<T>>) -> Led<T> {
    led.and_then(|f| {
        f.value.map(|value| Finished {
            value,
            waited: f.waited,
            rounds: f.rounds,
            closing: f.closing,
        })
    })
}

/// The data vertices one pattern orbit was mapped to by one worker's matches: sorted ids when
/// few, a bitmap over all vertices otherwise (whichever is smaller to send).
#[derive(Serialize, Deserialize)]
enum Domain {
    Sparse(Vec<u32>),
    Dense(Vec<u64>),
}

impl Domain {
    fn from_bits(words: Vec<u64>) -> Domain {
        let ones: usize = words.iter().map(|w| w.count_ones() as usize).sum();
        if ones * 32 < words.len() * 64 {
            let ids = (0..words.len() * 64)
                .filter(|&i| words[i / 64] >> (i % 64) & 1 == 1)
                .map(|i| i as u32)
                .collect();
            Domain::Sparse(ids)
        } else {
            Domain::Dense(words)
        }
    }
}

/// The union of domains over `n` vertices, sorted.
fn union<'a>(n: usize, domains: impl Iterator<Item = &'a Domain>) -> Vec<u32> {
    let mut words = vec![0u64; n.div_ceil(64)];
    for d in domains {
        match d {
            Domain::Sparse(ids) => {
                for &x in ids {
                    words[x as usize / 64] |= 1 << (x % 64);
                }
            }
            Domain::Dense(theirs) => {
                for (a, b) in words.iter_mut().zip(theirs) {
                    *a |= b;
                }
            }
        }
    }
    (0..n as u32)
        .filter(|&x| words[x as usize / 64] >> (x % 64) & 1 == 1)
        .collect()
}

/// Per orbit of the plan's pattern, the data vertices its matches from `roots` use.
fn domains(graph: &Graph, plan: &Plan, orbit: &[usize], roots: Roots) -> Vec<Domain> {
    let orbits = orbit.iter().max().map_or(0, |&o| o + 1);
    let words = graph.num_vertices().div_ceil(64);
    let (bits, _) = cpu::fold_matches_in(
        graph,
        plan,
        roots,
        &Work::silent(),
        || vec![vec![0u64; words]; orbits],
        |bits, m| {
            for (v, &x) in m.iter().enumerate() {
                bits[orbit[v]][x as usize / 64] |= 1 << (x % 64);
            }
            ControlFlow::Continue(())
        },
        |mut a, b| {
            for (x, y) in a.iter_mut().zip(b) {
                for (p, q) in x.iter_mut().zip(y) {
                    *p |= q;
                }
            }
            a
        },
    );
    bits.into_iter().map(Domain::from_bits).collect()
}
