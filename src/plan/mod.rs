//! The planner: from a [`Pattern`] (and, optionally, statistics of the data graph) to a [`Plan`]
//! saying how to find the pattern's matches.
//!
//! Strategies are tried in order, each handing the pattern back when it does not apply:
//!
//! 1. **clique** — an unlabelled clique: count by intersecting out-neighbourhoods of the
//!    degree-oriented DAG, which needs no symmetry breaking at all;
//! 2. **general** — a depth-first plan: a matching order (chosen by a cost model), symmetry
//!    breaking restrictions from a stabiliser chain of the automorphism group, per step a
//!    candidate-set expression (intersections of matched neighbours' adjacency lists, minus the
//!    lists of anti-edge partners, label filter, id bounds), anti-vertex checks, and a counting
//!    tail that counts the last vertices from set sizes instead of enumerating them.
//!
//! A plan prints itself (`saker plan`): strategy, order, per-step sets, restrictions, tail and
//! the estimated cost, so users can see why a query is fast or slow.

pub mod symmetry;

use std::fmt;

use crate::graph::Graph;
use crate::pattern::{Label, Pattern};
use symmetry::Restriction;

/// What the cost model knows about a data graph (named apart from [`crate::graph::GraphStats`],
/// the user-facing summary, because it holds sampled estimates rather than exact figures).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GraphProfile {
    /// Number of vertices.
    pub n: u64,
    /// Number of undirected edges.
    pub m: u64,
    /// Largest degree.
    pub max_degree: u64,
    /// Sum of squared degrees (gives the size-biased degree a walk along an edge meets).
    pub degree_sq_sum: f64,
    /// Number of triangles, if known (sharpens the closure probability).
    pub triangles: Option<u64>,
    /// Estimated probability that two neighbours of a vertex are adjacent (sampled wedges).
    pub closure: Option<f64>,
}

impl GraphProfile {
    /// Statistics of `graph` in one pass over the degrees, with the closure probability
    /// estimated from a few thousand deterministic wedge samples (no triangle count).
    pub fn of(graph: &Graph) -> GraphProfile {
        let n = graph.num_vertices();
        let degree_sq_sum = (0..n as u32)
            .map(|v| (graph.degree(v) as f64).powi(2))
            .sum();
        GraphProfile {
            n: n as u64,
            m: graph.num_edges() as u64,
            max_degree: graph.max_degree() as u64,
            degree_sq_sum,
            triangles: None,
            closure: sample_closure(graph),
        }
    }

    /// A generic sparse graph, for planning without data (a million vertices, average degree 20,
    /// clustering 0.1).
    pub fn generic() -> GraphProfile {
        GraphProfile {
            n: 1_000_000,
            m: 10_000_000,
            max_degree: 10_000,
            degree_sq_sum: 1e6 * 1600.0,
            triangles: None,
            closure: None,
        }
    }

    /// Expected size of one neighbour list reached along an edge (size-biased degree).
    fn list_size(&self) -> f64 {
        if self.m == 0 {
            return 0.0;
        }
        (self.degree_sq_sum / (2.0 * self.m as f64)).max(1.0)
    }

    /// Probability that two neighbours of a vertex are adjacent.
    fn closure(&self) -> f64 {
        let wedges = (self.degree_sq_sum - 2.0 * self.m as f64) / 2.0;
        match (self.triangles, self.closure) {
            (Some(t), _) if wedges > 0.0 => (3.0 * t as f64 / wedges).clamp(1e-6, 1.0),
            (_, Some(c)) => c.clamp(1e-6, 1.0),
            _ => 0.1,
        }
    }
}

/// Wedge-weighted fraction of closed wedges over up to 4096 sampled vertices (a hash of the
/// vertex picks the two neighbours, so plans are deterministic).
fn sample_closure(graph: &Graph) -> Option<f64> {
    let n = graph.num_vertices();
    let stride = (n / 4096).max(1);
    let (mut closed, mut total) = (0.0, 0.0);
    for v in (0..n).step_by(stride) {
        let nbrs = graph.neighbors(v as u32);
        let d = nbrs.len();
        if d < 2 {
            continue;
        }
        let h = (v as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let a = (h >> 32) as usize % d;
        let b = (a + 1 + (h as u32 as usize) % (d - 1)) % d;
        let weight = (d * (d - 1)) as f64;
        total += weight;
        if graph.has_edge(nbrs[a], nbrs[b]) {
            closed += weight;
        }
    }
    (total > 0.0).then(|| closed / total)
}

/// Choices that change how a plan is built (mainly for testing the engines against each other).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanOptions {
    /// Count trailing vertices from set sizes instead of enumerating them (count mode only).
    pub counting_tails: bool,
    /// Allow the specialised strategies (clique); `false` forces the general plan.
    pub specialised: bool,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            counting_tails: true,
            specialised: true,
        }
    }
}

/// A plan to find a pattern's matches.
#[derive(Clone, Debug)]
pub struct Plan {
    pub(crate) pattern: Pattern,
    pub(crate) strategy: Strategy,
}

/// The strategy a plan uses.
#[derive(Clone, Debug)]
pub(crate) enum Strategy {
    /// k-clique counting on the degree-oriented DAG.
    Clique(CliquePlan),
    /// 4-cycles by wedge counting: no enumeration of the cycles themselves.
    FourCycle,
    /// Diamonds as `Σ_edges C(t(e), 2)`, `t(e)` the triangles on edge `e`.
    Diamond,
    /// Tailed triangles as `Σ_triangles (d(a) + d(b) + d(c) − 6)`.
    TailedTriangle,
    /// Houses from per-edge 4-cycle and triangle counts (see [`crate::exec::formulas`]).
    House,
    /// 5-cycles from closed 5-walks minus those around triangles.
    FiveCycle,
    /// The general depth-first plan.
    General(GeneralPlan),
}

/// Counts `k`-cliques: every clique is found once, from its lowest vertex in the (degree, id)
/// orientation, so no restrictions are needed.
#[derive(Clone, Debug)]
pub(crate) struct CliquePlan {
    pub(crate) k: usize,
}

impl CliquePlan {
    /// Applies to unlabelled cliques of at least 2 vertices without anti-vertices.
    fn try_new(pattern: &Pattern) -> Option<CliquePlan> {
        let k = pattern.num_vertices();
        let full = pattern.all_mask();
        let clique = (0..k).all(|v| pattern.neighbor_mask(v) == full & !(1 << v));
        (k >= 2
            && clique
            && pattern.anti_vertices().is_empty()
            && (0..k).all(|v| pattern.label(v) == Label::Any))
        .then_some(CliquePlan { k })
    }
}

/// Whether `pattern` has `k` vertices and is unlabelled, without anti-edges (under its
/// semantics) or anti-vertices: the patterns the counting formulas apply to.
fn is_plain(pattern: &Pattern, k: usize) -> bool {
    pattern.num_vertices() == k
        && (0..k).all(|v| pattern.anti_mask(v) == 0 && pattern.label(v) == Label::Any)
        && pattern.anti_vertices().is_empty()
}

/// Whether a 5-vertex pattern is the house: 6 edges, degrees 3, 3, 2, 2, 2, and the two
/// vertices of degree 3 adjacent (with them apart it is K2,3, the only other such graph).
fn is_house(pattern: &Pattern) -> bool {
    let degree = |v: usize| pattern.neighbor_mask(v).count_ones();
    let hubs: Vec<usize> = (0..5).filter(|&v| degree(v) == 3).collect();
    pattern.num_edges() == 6
        && hubs.len() == 2
        && (0..5).all(|v| degree(v) == 2 || degree(v) == 3)
        && pattern.neighbor_mask(hubs[0]) & (1 << hubs[1]) != 0
}

/// Where a step's unfiltered candidate set (the intersection of neighbour lists) comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RawSource {
    /// No matched neighbour: every data vertex (a new connected component of the pattern).
    Universe,
    /// The neighbour list of the vertex matched at this depth.
    List(usize),
    /// The same set as an earlier step's computed set.
    Alias(usize),
    /// Computed into this step's buffer: the earlier step's computed set (if any) intersected with
    /// the neighbour lists of the vertices matched at `lists`.
    Computed {
        from: Option<usize>,
        lists: Vec<usize>,
    },
}

/// One step of a general plan: how to find the candidates for one pattern vertex.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    /// The pattern vertex matched at this depth.
    pub(crate) vertex: usize,
    /// Depths of matched pattern neighbours (their lists are intersected).
    pub(crate) intersect: Vec<usize>,
    /// How the intersection is obtained.
    pub(crate) raw: RawSource,
    /// Whether no later step reuses the raw set, so that this step's own bounds and filters
    /// may all apply while computing it (else only `raw_lower` / `raw_upper` do).
    pub(crate) raw_bounded: bool,
    /// The depths of `lower` / `upper` whose bounds are applied while computing the raw set: all
    /// of them when no later step reuses the set, else those that every step reusing it (and,
    /// through its own stored set, every step reusing that) applies too, so the stored set
    /// holds every candidate any of them needs. A clique's `N(v0) ∩ N(v1)` is stored above
    /// `max(v0, v1)`, not whole: on a degree-ordered graph the upward lists are short.
    pub(crate) raw_lower: Vec<usize>,
    pub(crate) raw_upper: Vec<usize>,
    /// Depths of anti-edge partners (their lists are subtracted).
    pub(crate) subtract: Vec<usize>,
    /// Label filter.
    pub(crate) label: Label,
    /// The candidate's id must exceed the ids matched at these depths.
    pub(crate) lower: Vec<usize>,
    /// The candidate's id must be below the ids matched at these depths.
    pub(crate) upper: Vec<usize>,
    /// Depths whose matched vertex may lie in the candidate set and must be skipped.
    pub(crate) exclude: Vec<usize>,
}

/// An anti-vertex check, run on a complete match.
#[derive(Clone, Debug)]
pub(crate) struct AntiCheck {
    /// Depths of the anti-vertex's neighbours.
    pub(crate) depths: Vec<usize>,
    /// Label of the forbidden vertex.
    pub(crate) label: Label,
}

/// The trailing steps counted from set sizes (count mode only).
#[derive(Clone, Debug)]
pub(crate) struct Tail {
    /// First depth of the tail; every later step belongs to it.
    pub(crate) start: usize,
    /// Tail depths grouped by identical candidate sets.
    pub(crate) groups: Vec<Vec<usize>>,
    /// Inclusion–exclusion terms: coefficient and, per block of a set partition of the tail
    /// vertices, the bitmask of groups whose sets the block intersects.
    pub(crate) terms: Vec<(i64, Vec<u32>)>,
    /// Product of the group sizes' factorials (ordered tuples per unordered choice).
    pub(crate) divisor: u64,
    /// Product over groups of the orderings their internal restrictions admit.
    pub(crate) multiplier: u64,
}

/// The general depth-first plan.
#[derive(Clone, Debug)]
pub(crate) struct GeneralPlan {
    pub(crate) order: Vec<usize>,
    pub(crate) steps: Vec<Step>,
    pub(crate) restrictions: Vec<Restriction>,
    pub(crate) anti_checks: Vec<AntiCheck>,
    pub(crate) tail: Option<Tail>,
    pub(crate) cost: f64,
}

/// Largest number of tail vertices counted by inclusion–exclusion (Bell(6) = 203 terms).
const MAX_TAIL: usize = 6;
/// Orders are enumerated exhaustively up to this many vertices, greedily above.
const EXHAUSTIVE_K: usize = 7;
/// Cap on (orders × automorphisms) work for the exhaustive search.
const SEARCH_BUDGET: usize = 4_000_000;

impl Plan {
    /// Plans `pattern` for a graph with the given statistics (or a generic sparse graph).
    pub fn new(pattern: &Pattern, stats: Option<&GraphProfile>, options: PlanOptions) -> Plan {
        let stats = || stats.copied().unwrap_or_else(GraphProfile::generic);
        Plan::with_profile(pattern, stats, options)
    }

    /// [`Plan::new`] with the graph statistics computed only if a general plan needs them:
    /// cliques and counting formulas do not, and sampling the statistics costs more than
    /// counting the triangles of a small graph.
    fn with_profile(
        pattern: &Pattern,
        stats: impl FnOnce() -> GraphProfile,
        options: PlanOptions,
    ) -> Plan {
        if options.specialised {
            if let Some(clique) = CliquePlan::try_new(pattern) {
                return Plan {
                    pattern: pattern.clone(),
                    strategy: Strategy::Clique(clique),
                };
            }
            let formula = if is_plain(pattern, 4) {
                match pattern.num_edges() {
                    4 if (0..4).all(|v| pattern.neighbor_mask(v).count_ones() == 2) => {
                        Some(Strategy::FourCycle)
                    }
                    // Four edges on four connected vertices, not a cycle: a triangle and a tail.
                    4 => Some(Strategy::TailedTriangle),
                    5 => Some(Strategy::Diamond),
                    _ => None,
                }
            } else if is_plain(pattern, 5) && is_house(pattern) {
                Some(Strategy::House)
            } else if is_plain(pattern, 5)
                && (0..5).all(|v| pattern.neighbor_mask(v).count_ones() == 2)
            {
                // Five vertices of degree 2 can only form one 5-cycle.
                Some(Strategy::FiveCycle)
            } else {
                None
            };
            if let Some(strategy) = formula {
                return Plan {
                    pattern: pattern.clone(),
                    strategy,
                };
            }
        }
        Plan {
            pattern: pattern.clone(),
            strategy: Strategy::General(GeneralPlan::best(pattern, &stats(), options)),
        }
    }

    /// Plans `pattern` for `graph` with default options.
    pub fn for_graph(pattern: &Pattern, graph: &Graph) -> Plan {
        Plan::with_profile(pattern, || GraphProfile::of(graph), PlanOptions::default())
    }

    /// The pattern this plan matches.
    pub fn pattern(&self) -> &Pattern {
        &self.pattern
    }

    /// Name of the chosen strategy (`clique`, `general`).
    pub fn strategy_name(&self) -> &'static str {
        match self.strategy {
            Strategy::Clique(_) => "clique",
            Strategy::FourCycle => "4-cycle wedge counting",
            Strategy::Diamond => "diamond edge-triangle counting",
            Strategy::TailedTriangle => "tailed-triangle degree counting",
            Strategy::House => "house edge 4-cycle × triangle counting",
            Strategy::FiveCycle => "5-cycle closed-walk counting",
            Strategy::General(_) => "general",
        }
    }

    /// The symmetry-breaking restrictions `(a, b)`: `id(a) < id(b)` (empty for cliques, whose
    /// orientation breaks the symmetry).
    pub fn restrictions(&self) -> &[Restriction] {
        match &self.strategy {
            Strategy::Clique(_)
            | Strategy::FourCycle
            | Strategy::Diamond
            | Strategy::TailedTriangle
            | Strategy::House
            | Strategy::FiveCycle => &[],
            Strategy::General(g) => &g.restrictions,
        }
    }

    /// The matching order (pattern vertices by depth).
    pub fn order(&self) -> Vec<usize> {
        match &self.strategy {
            Strategy::Clique(c) => (0..c.k).collect(),
            Strategy::FourCycle | Strategy::Diamond | Strategy::TailedTriangle => vec![0, 1, 2, 3],
            Strategy::House | Strategy::FiveCycle => vec![0, 1, 2, 3, 4],
            Strategy::General(g) => g.order.clone(),
        }
    }

    /// Number of trailing vertices counted from set sizes in count mode.
    pub fn tail_len(&self) -> usize {
        match &self.strategy {
            Strategy::Clique(_) => 1,
            Strategy::FourCycle | Strategy::Diamond | Strategy::TailedTriangle => 2,
            // Wedges are visited; the cycle's fourth vertex and the roof are counted.
            Strategy::House => 2,
            // Only 2-hop neighbourhoods are visited.
            Strategy::FiveCycle => 3,
            Strategy::General(g) => g.tail.as_ref().map_or(0, |t| g.steps.len() - t.start),
        }
    }
}

impl GeneralPlan {
    /// Searches orders (all connected-prefix orders for small patterns, greedy ones otherwise)
    /// and keeps the cheapest.
    fn best(pattern: &Pattern, stats: &GraphProfile, options: PlanOptions) -> GeneralPlan {
        let group = pattern.automorphisms();
        let k = pattern.num_vertices();
        let mut orders = if k <= EXHAUSTIVE_K {
            connected_orders(pattern)
        } else {
            Vec::new()
        };
        if orders.is_empty() || orders.len().saturating_mul(group.len()) > SEARCH_BUDGET {
            orders = greedy_orders(pattern);
        }
        let mut best: Option<GeneralPlan> = None;
        for order in orders {
            let restrictions = symmetry::stabiliser_chain(&group, &order);
            let plan = GeneralPlan::build(pattern, order, restrictions, stats, options);
            if best.as_ref().is_none_or(|b| plan.cost < b.cost) {
                best = Some(plan);
            }
        }
        let best = best.expect("a pattern has at least one vertex, hence one order");
        debug_assert!(
            k > 8 || symmetry::restrictions_are_exact(k, group.len(), &best.restrictions),
            "inexact restrictions {:?} for {pattern:?}",
            best.restrictions
        );
        best
    }

    /// Builds the steps, tail and cost for one order and restriction set.
    fn build(
        pattern: &Pattern,
        order: Vec<usize>,
        restrictions: Vec<Restriction>,
        stats: &GraphProfile,
        options: PlanOptions,
    ) -> GeneralPlan {
        let k = order.len();
        let mut depth_of = vec![0; k];
        for (d, &v) in order.iter().enumerate() {
            depth_of[v] = d;
        }
        let mut steps: Vec<Step> = Vec::with_capacity(k);
        for (i, &v) in order.iter().enumerate() {
            let earlier = || 0..i;
            let intersect: Vec<usize> = earlier()
                .filter(|&d| pattern.has_edge(order[d], v))
                .collect();
            let subtract: Vec<usize> = earlier()
                .filter(|&d| pattern.anti_mask(v) >> order[d] & 1 == 1)
                .collect();
            let lower: Vec<usize> = earlier()
                .filter(|&d| restrictions.contains(&(order[d], v)))
                .collect();
            let upper: Vec<usize> = earlier()
                .filter(|&d| restrictions.contains(&(v, order[d])))
                .collect();
            let label = pattern.label(v);
            // A matched vertex can reappear as a candidate only if nothing in the set
            // expression already rules it out.
            let exclude: Vec<usize> = earlier()
                .filter(|&d| {
                    let w = order[d];
                    let ruled_out = intersect.contains(&d)
                        || lower.contains(&d)
                        || upper.contains(&d)
                        || intersect
                            .iter()
                            .any(|&x| pattern.anti_mask(order[x]) >> w & 1 == 1)
                        || subtract.iter().any(|&y| pattern.has_edge(order[y], w))
                        || matches!((label, pattern.label(w)),
                            (Label::Is(a), Label::Is(b)) if a != b);
                    !ruled_out
                })
                .collect();
            let raw = raw_source(&steps, &intersect);
            steps.push(Step {
                vertex: v,
                intersect,
                raw,
                raw_bounded: true,
                raw_lower: lower.clone(),
                raw_upper: upper.clone(),
                subtract,
                label,
                lower,
                upper,
                exclude,
            });
        }
        // Backwards, so that a reusing step's own stored bounds are final when read.
        for i in (0..k).rev() {
            let (mut lower, mut upper) = (steps[i].lower.clone(), steps[i].upper.clone());
            let mut reused = false;
            for later in &steps[i + 1..] {
                let (needs_lower, needs_upper) = match later.raw {
                    RawSource::Alias(j) if j == i => (&later.lower, &later.upper),
                    RawSource::Computed { from: Some(j), .. } if j == i => {
                        (&later.raw_lower, &later.raw_upper)
                    }
                    _ => continue,
                };
                reused = true;
                lower.retain(|d| needs_lower.contains(d));
                upper.retain(|d| needs_upper.contains(d));
            }
            let step = &mut steps[i];
            step.raw_bounded = !reused;
            step.raw_lower = lower;
            step.raw_upper = upper;
        }
        let anti_checks: Vec<AntiCheck> = pattern
            .anti_vertices()
            .iter()
            .map(|a| AntiCheck {
                depths: (0..k)
                    .filter(|&d| a.neighbors >> order[d] & 1 == 1)
                    .collect(),
                label: a.label,
            })
            .collect();
        let tail = if options.counting_tails && anti_checks.is_empty() {
            best_tail(pattern, &steps, &restrictions)
        } else {
            None
        };
        let mut plan = GeneralPlan {
            order,
            steps,
            restrictions,
            anti_checks,
            tail,
            cost: 0.0,
        };
        plan.cost = plan.estimate(stats);
        plan
    }

    /// Expected work: for each depth, the partial matches reaching it times the cost of
    /// building its candidate set (GraphPi's model: list sizes shrink by the closure
    /// probability per extra intersected list; each restriction halves, roughly, the matches).
    fn estimate(&self, stats: &GraphProfile) -> f64 {
        let n = stats.n.max(1) as f64;
        let d = stats.list_size();
        let c = stats.closure();
        let tail_start = self.tail.as_ref().map_or(self.steps.len(), |t| t.start);
        let multi_group = self.tail.as_ref().is_some_and(|t| t.groups.len() > 1);
        // partial[i]: expected partial matches of depths 0..i.
        let mut partials = vec![1.0];
        let mut partial = 1.0;
        let mut cost = 0.0;
        for (i, step) in self.steps.iter().enumerate() {
            let lists = step.intersect.len();
            let size = if lists == 0 {
                n
            } else {
                d * c.powi(lists as i32 - 1)
            };
            let work = match &step.raw {
                RawSource::Universe => n,
                RawSource::List(_) | RawSource::Alias(_) => 1.0,
                RawSource::Computed { lists, .. } => lists.len() as f64 * d,
            } + step.subtract.len() as f64 * d;
            // Multi-group tail sets are built once their last dependency is matched.
            let ready = if i >= tail_start && multi_group {
                step.intersect
                    .iter()
                    .chain(&step.subtract)
                    .chain(&step.lower)
                    .chain(&step.upper)
                    .filter(|&&d| d < tail_start)
                    .map(|&d| d + 1)
                    .max()
                    .unwrap_or(i)
            } else {
                i
            };
            cost += partials[ready.min(partials.len() - 1)] * (1.0 + work);
            if i < tail_start {
                let bounds = (step.lower.len() + step.upper.len()) as f64;
                partial *= size / (1.0 + bounds);
                partials.push(partial);
            }
        }
        if let Some(t) = &self.tail {
            cost += partial * t.terms.len() as f64;
        }
        cost
    }
}

/// How step `i` (with matched neighbours at depths `intersect`) gets its intersection: reuse the
/// largest earlier computed intersection over a subset of the same lists.
fn raw_source(steps: &[Step], intersect: &[usize]) -> RawSource {
    match intersect.len() {
        0 => return RawSource::Universe,
        1 => return RawSource::List(intersect[0]),
        _ => {}
    }
    let base = steps
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.raw, RawSource::Computed { .. }))
        .filter(|(_, s)| s.intersect.iter().all(|d| intersect.contains(d)))
        .max_by_key(|(_, s)| s.intersect.len());
    match base {
        Some((j, s)) if s.intersect.len() == intersect.len() => RawSource::Alias(j),
        Some((j, s)) => RawSource::Computed {
            from: Some(j),
            lists: intersect
                .iter()
                .copied()
                .filter(|d| !s.intersect.contains(d))
                .collect(),
        },
        None => RawSource::Computed {
            from: None,
            lists: intersect.to_vec(),
        },
    }
}

/// The longest exact counting tail: trailing steps whose vertices are pairwise unconstrained
/// (no edge, no anti-edge), that are not new components, grouped by identical candidate-set
/// expressions, with restrictions only inside groups.
fn best_tail(pattern: &Pattern, steps: &[Step], restrictions: &[Restriction]) -> Option<Tail> {
    let k = steps.len();
    let mut best = None;
    for len in 1..=MAX_TAIL.min(k.saturating_sub(1)) {
        let start = k - len;
        match tail_at(pattern, steps, restrictions, start) {
            Some(t) => best = Some(t),
            None => break,
        }
    }
    best
}

fn tail_at(
    pattern: &Pattern,
    steps: &[Step],
    restrictions: &[Restriction],
    start: usize,
) -> Option<Tail> {
    let tail = &steps[start..];
    if tail.iter().any(|s| s.intersect.is_empty()) {
        return None;
    }
    for (a, sa) in tail.iter().enumerate() {
        for sb in &tail[a + 1..] {
            if pattern.has_edge(sa.vertex, sb.vertex)
                || pattern.anti_mask(sa.vertex) >> sb.vertex & 1 == 1
            {
                return None;
            }
        }
    }
    // Group tail depths whose candidate sets are built identically from the prefix.
    let prefix_only =
        |v: &[usize]| -> Vec<usize> { v.iter().copied().filter(|&d| d < start).collect() };
    let key = |s: &Step| {
        (
            s.intersect.clone(),
            s.subtract.clone(),
            s.label,
            prefix_only(&s.lower),
            prefix_only(&s.upper),
        )
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (offset, s) in tail.iter().enumerate() {
        let depth = start + offset;
        match groups.iter_mut().find(|g| key(&steps[g[0]]) == key(s)) {
            Some(g) => g.push(depth),
            None => groups.push(vec![depth]),
        }
    }
    let group_of = |v: usize| {
        groups
            .iter()
            .position(|g| g.iter().any(|&d| steps[d].vertex == v))
    };
    // Restrictions between two tail vertices must stay inside one group.
    let mut multiplier = 1u64;
    let mut divisor = 1u64;
    for g in &groups {
        let members: Vec<usize> = g.iter().map(|&d| steps[d].vertex).collect();
        let inner: Vec<Restriction> = restrictions
            .iter()
            .filter(|(a, b)| members.contains(a) && members.contains(b))
            .map(|&(a, b)| {
                let pos = |v| members.iter().position(|&m| m == v).unwrap_or(0);
                (pos(a), pos(b))
            })
            .collect();
        multiplier *= symmetry::admitted_orderings(members.len(), &inner);
        divisor *= (1..=members.len() as u64).product::<u64>();
    }
    for &(a, b) in restrictions {
        if let (Some(ga), Some(gb)) = (group_of(a), group_of(b)) {
            if ga != gb {
                return None;
            }
        }
    }
    // Inclusion–exclusion over set partitions of the tail vertices: the number of injective
    // choices is Σ_π Π_{B∈π} μ(|B|) |∩_{i∈B} S_i|, with μ(m) = (-1)^(m-1) (m-1)!.
    let t = tail.len();
    let member_group: Vec<usize> = (0..t)
        .map(|i| {
            groups
                .iter()
                .position(|g| g.contains(&(start + i)))
                .unwrap_or(0)
        })
        .collect();
    let mut terms = Vec::new();
    for partition in set_partitions(t) {
        let mut coef = 1i64;
        let mut masks = Vec::with_capacity(partition.len());
        for block in &partition {
            let m = block.len() as i64;
            let mu = if m % 2 == 1 { 1 } else { -1 } * (1..m).product::<i64>();
            coef *= mu;
            masks.push(
                block
                    .iter()
                    .fold(0u32, |acc, &i| acc | 1 << member_group[i]),
            );
        }
        masks.sort_unstable();
        terms.push((coef, masks));
    }
    // Merge terms with equal block masks.
    terms.sort_by(|a, b| a.1.cmp(&b.1));
    let mut merged: Vec<(i64, Vec<u32>)> = Vec::new();
    for (coef, masks) in terms {
        match merged.last_mut() {
            Some(last) if last.1 == masks => last.0 += coef,
            _ => merged.push((coef, masks)),
        }
    }
    merged.retain(|(c, _)| *c != 0);
    Some(Tail {
        start,
        groups,
        terms: merged,
        divisor,
        multiplier,
    })
}

/// All set partitions of `0..t`, each as a list of blocks.
fn set_partitions(t: usize) -> Vec<Vec<Vec<usize>>> {
    fn extend(i: usize, t: usize, blocks: &mut Vec<Vec<usize>>, out: &mut Vec<Vec<Vec<usize>>>) {
        if i == t {
            out.push(blocks.clone());
            return;
        }
        for b in 0..blocks.len() {
            blocks[b].push(i);
            extend(i + 1, t, blocks, out);
            blocks[b].pop();
        }
        blocks.push(vec![i]);
        extend(i + 1, t, blocks, out);
        blocks.pop();
    }
    let mut out = Vec::new();
    extend(0, t, &mut Vec::new(), &mut out);
    out
}

/// Every order in which each vertex is adjacent to an earlier one, except that a vertex may start
/// a new component once no remaining vertex touches the matched ones.
fn connected_orders(pattern: &Pattern) -> Vec<Vec<usize>> {
    fn extend(p: &Pattern, order: &mut Vec<usize>, used: u32, out: &mut Vec<Vec<usize>>) {
        let k = p.num_vertices();
        if order.len() == k {
            out.push(order.clone());
            return;
        }
        let reach = order.iter().fold(0u32, |acc, &v| acc | p.neighbor_mask(v)) & !used;
        let choices = if reach != 0 || order.is_empty() {
            if order.is_empty() {
                p.all_mask()
            } else {
                reach
            }
        } else {
            p.all_mask() & !used
        };
        let mut c = choices;
        while c != 0 {
            let v = c.trailing_zeros() as usize;
            c &= c - 1;
            order.push(v);
            extend(p, order, used | 1 << v, out);
            order.pop();
        }
    }
    let mut out = Vec::new();
    extend(pattern, &mut Vec::new(), 0, &mut out);
    out
}

/// One greedy order per start vertex: next comes the unmatched vertex with most matched
/// neighbours (then highest degree).
fn greedy_orders(pattern: &Pattern) -> Vec<Vec<usize>> {
    let k = pattern.num_vertices();
    (0..k)
        .map(|start| {
            let mut order = vec![start];
            let mut used = 1u32 << start;
            while order.len() < k {
                let next = (0..k)
                    .filter(|&v| used >> v & 1 == 0)
                    .max_by_key(|&v| {
                        let back = (pattern.neighbor_mask(v) & used).count_ones();
                        (
                            back,
                            pattern.neighbor_mask(v).count_ones(),
                            std::cmp::Reverse(v),
                        )
                    })
                    .expect("an unmatched vertex remains");
                order.push(next);
                used |= 1 << next;
            }
            order
        })
        .collect()
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.pattern;
        writeln!(
            f,
            "pattern: {} ({} vertices, {} edges, {:?}, counting unique matches)",
            p.name().unwrap_or("unnamed"),
            p.num_vertices(),
            p.num_edges(),
            p.semantics()
        )?;
        match &self.strategy {
            Strategy::Clique(c) => {
                writeln!(f, "strategy: clique (k = {})", c.k)?;
                writeln!(
                    f,
                    "  orient edges from lower to higher (degree, id); for each vertex, \
                     intersect out-neighbourhoods {} levels deep; count the last level",
                    c.k - 1
                )
            }
            Strategy::FourCycle => {
                writeln!(f, "strategy: 4-cycle wedge counting")?;
                writeln!(
                    f,
                    "  for each vertex u (lowest of its cycle by (degree, id)), count wedges \
                     u-v-w with v, w ranked above u in a dense counter c[w]; add C(c[w], 2)"
                )
            }
            Strategy::Diamond => {
                writeln!(f, "strategy: diamond edge-triangle counting")?;
                writeln!(
                    f,
                    "  list triangles once on the degree-oriented DAG, counting t(e) per edge; \
                     add C(t(e), 2) over edges (the shared edge of the two triangles)"
                )
            }
            Strategy::TailedTriangle => {
                writeln!(f, "strategy: tailed-triangle degree counting")?;
                writeln!(
                    f,
                    "  list triangles once on the degree-oriented DAG; each triangle {{a, b, c}} \
                     grows d(a) + d(b) + d(c) − 6 tails"
                )
            }
            Strategy::House => {
                writeln!(f, "strategy: house edge 4-cycle × triangle counting")?;
                writeln!(
                    f,
                    "  per edge e, C4(e) 4-cycles (from the wedges going up in (degree, id) \
                     from each vertex) and T(e) triangles; houses = Σ_e C4(e)·T(e) − 4·Σ_e \
                     C(T(e), 2) (a roof on a cycle vertex is a chord: a diamond, seen from its \
                     four cycle edges)"
                )
            }
            Strategy::FiveCycle => {
                writeln!(f, "strategy: 5-cycle closed-walk counting")?;
                writeln!(
                    f,
                    "  per vertex u, its row of A² in a dense counter and one scan of the lists \
                     two steps away give its closed 5-walks and triangles; 5-cycles = \
                     (tr(A⁵) − 30·T − 10·Σ_v (d(v) − 2)·t(v)) / 10"
                )
            }
            Strategy::General(g) => g.fmt(f),
        }
    }
}

impl fmt::Display for GeneralPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |d: usize| format!("v{}", self.order[d]);
        let join = |ds: &[usize], sep: &str, wrap: &dyn Fn(usize) -> String| {
            ds.iter().map(|&d| wrap(d)).collect::<Vec<_>>().join(sep)
        };
        writeln!(f, "strategy: general (depth-first)")?;
        writeln!(
            f,
            "order: {}",
            join(&(0..self.order.len()).collect::<Vec<_>>(), " ", &name)
        )?;
        let restr: Vec<String> = self
            .restrictions
            .iter()
            .map(|(a, b)| format!("v{a} < v{b}"))
            .collect();
        writeln!(
            f,
            "restrictions: {}",
            if restr.is_empty() {
                "none".to_string()
            } else {
                restr.join(", ")
            }
        )?;
        for (i, s) in self.steps.iter().enumerate() {
            let mut line = if s.intersect.is_empty() {
                format!("  {} ∈ V", name(i))
            } else {
                format!(
                    "  {} ∈ {}",
                    name(i),
                    join(&s.intersect, " ∩ ", &|d| format!("N({})", name(d)))
                )
            };
            for &d in &s.subtract {
                line += &format!(" \\ N({})", name(d));
            }
            if let Label::Is(l) = s.label {
                line += &format!(", label={l}");
            }
            if !s.lower.is_empty() {
                line += &format!(", > {}", join(&s.lower, ", ", &name));
            }
            if !s.upper.is_empty() {
                line += &format!(", < {}", join(&s.upper, ", ", &name));
            }
            if !s.exclude.is_empty() {
                line += &format!(", ≠ {}", join(&s.exclude, ", ", &name));
            }
            writeln!(f, "{line}")?;
        }
        for a in &self.anti_checks {
            let label = match a.label {
                Label::Any => String::new(),
                Label::Is(l) => format!(" with label {l}"),
            };
            writeln!(
                f,
                "  check: no unmatched vertex{label} in {}",
                join(&a.depths, " ∩ ", &|d| format!("N({})", name(d)))
            )?;
        }
        match &self.tail {
            None => writeln!(f, "tail: none (every vertex enumerated)")?,
            Some(t) if t.start + 1 == self.steps.len() => writeln!(
                f,
                "tail: count {} as the size of its candidate set",
                name(t.start)
            )?,
            Some(t) => {
                let groups: Vec<String> = t
                    .groups
                    .iter()
                    .map(|g| format!("{{{}}}", join(g, ", ", &name)))
                    .collect();
                writeln!(
                    f,
                    "tail: count {} by inclusion–exclusion over groups {} ({} terms)",
                    join(
                        &(t.start..self.steps.len()).collect::<Vec<_>>(),
                        ", ",
                        &name
                    ),
                    groups.join(" "),
                    t.terms.len()
                )?
            }
        }
        writeln!(f, "estimated cost: {:.3e}", self.cost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_partition_counts_are_bell_numbers() {
        let bell = [1, 1, 2, 5, 15, 52, 203];
        for (t, &b) in bell.iter().enumerate() {
            assert_eq!(set_partitions(t).len(), b);
        }
    }

    #[test]
    fn diamond_counts_its_two_tips_by_binomial() {
        // Diamond: edge 0-1 with tips 2 and 3 adjacent to both.
        let p = Pattern::from_edges(4, &[(0, 1), (0, 2), (1, 2), (0, 3), (1, 3)]).unwrap();
        let default = Plan::new(&p, None, PlanOptions::default());
        assert_eq!(default.strategy_name(), "diamond edge-triangle counting");
        let general = PlanOptions {
            specialised: false,
            ..PlanOptions::default()
        };
        let plan = Plan::new(&p, None, general);
        assert_eq!(plan.strategy_name(), "general");
        assert_eq!(plan.tail_len(), 2, "{plan}");
        let text = plan.to_string();
        assert!(text.contains("inclusion–exclusion"), "{text}");
    }

    #[test]
    fn cliques_take_the_clique_path_unless_disabled() {
        let p = Pattern::from_edges(3, &[(0, 1), (1, 2), (2, 0)]).unwrap();
        assert_eq!(
            Plan::new(&p, None, PlanOptions::default()).strategy_name(),
            "clique"
        );
        let general = PlanOptions {
            specialised: false,
            ..PlanOptions::default()
        };
        let plan = Plan::new(&p, None, general);
        assert_eq!(plan.strategy_name(), "general");
        assert_eq!(plan.restrictions().len(), 3);
    }

    #[test]
    fn disconnected_patterns_get_a_universe_step() {
        let p = Pattern::from_edges(4, &[(0, 1), (2, 3)]).unwrap();
        let plan = Plan::new(&p, None, PlanOptions::default());
        assert!(plan.to_string().contains("∈ V"));
        assert_eq!(plan.order().len(), 4);
    }
}
