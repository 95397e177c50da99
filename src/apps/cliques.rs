//! k-clique counting and listing: `saker cliques`.
//!
//! Counting runs the engine of [`crate::exec::clique`] (the planner's clique strategy, so
//! `saker count GRAPH clique:K` is the same computation) on the degree-oriented DAG: triangles
//! with a mark array, larger cliques by pivoting, which counts a whole range of sizes in one
//! pass ([`clique_counts`]). Listing enumerates the degree-oriented DAG: every clique is
//! found once, from its lowest vertex, without symmetry restrictions.
//!
//! ```
//! use saker::Graph;
//!
//! // K5 holds C(5, k) k-cliques.
//! let k5 = Graph::from_edges(5, (0..5u32).flat_map(|a| (a + 1..5).map(move |b| (a, b))))?;
//! assert_eq!(saker::cliques(&k5, 3)?, 10);
//! assert_eq!(saker::cliques(&k5, 5)?, 1);
//! assert_eq!(saker::cliques(&k5, 6)?, 0);
//! // Every size at once: C(5, 2), C(5, 3), C(5, 4), C(5, 5), 0.
//! let all = saker::apps::cliques::clique_counts(&k5, 2..=6)?;
//! assert_eq!(all, [(2, 10), (3, 10), (4, 5), (5, 1), (6, 0)]);
//! # Ok::<(), saker::Error>(())
//! ```

use std::ops::RangeInclusive;

use crate::error::{Error, Result};
use crate::exec::{clique, interrupt, Roots};
use crate::graph::Graph;
use crate::pattern::Pattern;
use crate::progress::Work;

/// The largest clique size: patterns hold at most 32 vertices.
pub const MAX_K: usize = 32;

/// The `k`-clique pattern, or an error for `k` outside `2..=`[`MAX_K`].
///
/// # Errors
/// [`Error::InvalidArgument`] naming the accepted range.
pub fn clique_pattern(k: usize) -> Result<Pattern> {
    check_sizes(&(k..=k))?;
    Pattern::parse(&format!("clique:{k}"))
}

/// `Ok` for a non-empty range of sizes within `2..=`[`MAX_K`].
pub(crate) fn check_sizes(sizes: &RangeInclusive<usize>) -> Result<()> {
    for k in [*sizes.start(), *sizes.end()] {
        if !(2..=MAX_K).contains(&k) {
            return Err(Error::InvalidArgument(format!(
                "clique size {k} is outside 2..={MAX_K} (a 1-clique is a vertex: see `saker info`)"
            )));
        }
    }
    if sizes.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "clique sizes {}-{} are an empty range",
            sizes.start(),
            sizes.end()
        )));
    }
    Ok(())
}

/// The number of `k`-cliques of `graph` for every `k` in `sizes`, as `(k, count)` in order,
/// on rayon's current pool. One pass counts the whole range (see the module documentation), so
/// asking for many sizes costs little more than asking for the largest. Counts are `u128`: a
/// graph with a 240-vertex clique (ca-HepPh) has more than `u64::MAX` 12-cliques.
///
/// # Errors
/// Sizes outside `2..=`[`MAX_K`] or an empty range; [`Error::Overflow`] when a count exceeds
/// `u128`; [`Error::Interrupted`] / [`Error::TimedOut`].
pub fn clique_counts(graph: &Graph, sizes: RangeInclusive<usize>) -> Result<Vec<(usize, u128)>> {
    counts_in(graph, sizes, &Work::silent(), Roots::All)
}

/// [`clique_counts`] of the cliques rooted in `roots` (a distributed worker's share; every
/// clique has one root), ticking `progress` once per vertex (its total: the number of
/// vertices).
pub(crate) fn counts_in(
    graph: &Graph,
    sizes: RangeInclusive<usize>,
    progress: &Work,
    roots: Roots,
) -> Result<Vec<(usize, u128)>> {
    check_sizes(&sizes)?;
    let counts = clique::clique_counts(graph, sizes.clone(), progress, roots);
    interrupt::check("counting cliques")?;
    sizes
        .zip(counts)
        .map(|(k, count)| {
            // The engine saturates: `u128::MAX` stands for "at least that many".
            if count == u128::MAX {
                Err(Error::Overflow(format!("the number of {k}-cliques")))
            } else {
                Ok((k, count))
            }
        })
        .collect()
}

/// The number of `k`-cliques of `graph`, on rayon's current pool.
///
/// # Errors
/// `k` outside `2..=`[`MAX_K`]; [`Error::Overflow`] past `u64`; [`Error::Interrupted`] /
/// [`Error::TimedOut`].
pub fn cliques(graph: &Graph, k: usize) -> Result<u64> {
    crate::count(graph, &clique_pattern(k)?)
}
