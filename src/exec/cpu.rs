//! The parallel CPU explorer: runs a [`Plan`] over a [`Graph`] with rayon.
//!
//! Work is split into tasks over start vertices; a start vertex whose neighbour list is long (a
//! hub) becomes several tasks, each taking a slice of its second-level candidates, so rayon's
//! work stealing can balance skewed graphs. Each worker owns a `Frame` of per-depth buffers, so
//! the hot loop never allocates. Counts accumulate in `u128` per worker and are checked against
//! `u64` at the end ([`Error::Overflow`]). Visitors see each match once, in pattern-vertex order,
//! and can stop the whole run early through a shared flag checked per task and per iteration of
//! the top two loops. [`fold_matches`] carries a user state through each worker (how pattern
//! programs keep per-worker aggregates without locking).

use std::cell::{Cell, UnsafeCell};
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::exec::clique::{clique_count, clique_visit};
use crate::exec::{formulas, interrupt, setops, Roots};
use crate::graph::Graph;
use crate::pattern::Label;
use crate::plan::{CliquePlan, GeneralPlan, Plan, RawSource, Strategy, Tail};
use crate::progress::Work;

/// The progress bar of runs that show none.
static SILENT: std::sync::LazyLock<Work> = std::sync::LazyLock::new(Work::silent);

/// Start vertices with more neighbours than this are split into several tasks.
const SPLIT_DEGREE: usize = 64;
/// Second-level candidates per task of a split start vertex.
const CHUNK: usize = 32;

/// Counts the unique matches of `plan`'s pattern in `graph` on the current rayon pool.
///
/// # Errors
/// [`Error::Overflow`] when the count exceeds `u64`.
pub fn count(graph: &Graph, plan: &Plan) -> Result<u64> {
    count_in(graph, plan, Roots::All)
}

/// [`count`] restricted to the matches found from the start vertices in `roots` (one worker's
/// shard of a distributed run): the counts of disjoint shards add up to the whole count.
/// Counting formulas are global, so a shard runs the general plan instead.
///
/// # Errors
/// As [`count`].
pub fn count_in(graph: &Graph, plan: &Plan, roots: Roots) -> Result<u64> {
    let general_strategy;
    let strategy = match (&plan.strategy, roots) {
        (Strategy::Clique(_) | Strategy::General(_), _) | (_, Roots::All) => &plan.strategy,
        (_, Roots::Only(_)) => {
            general_strategy = Strategy::General(general(plan));
            &general_strategy
        }
    };
    let total = match strategy {
        Strategy::Clique(c) => clique_count(graph, c, &SILENT, roots),
        Strategy::FourCycle => four_cycle_count(graph),
        Strategy::Diamond => formulas::diamond_count(graph),
        Strategy::TailedTriangle => formulas::tailed_triangle_count(graph),
        Strategy::House => formulas::house_count(graph),
        Strategy::FiveCycle => formulas::five_cycle_count(graph),
        Strategy::General(g) => {
            let mut general = General::new(graph, g);
            general.roots = roots;
            general
                .run(|| Counter(0), |a, b| Counter(a.0.saturating_add(b.0)))
                .0
        }
    };
    interrupt::check(&format!(
        "counting {}",
        plan.pattern.name().unwrap_or("the pattern")
    ))?;
    u64::try_from(total).map_err(|_| {
        Error::Overflow(format!(
            "the number of matches of {}",
            plan.pattern.name().unwrap_or("the pattern")
        ))
    })
}

/// Calls `visit` once per unique match of `plan`'s pattern, with the matched data vertices in
/// pattern-vertex order, on the current rayon pool; returns the number of matches visited.
/// Returning [`ControlFlow::Break`] stops the run (other workers may still deliver a few matches
/// they were holding).
pub fn for_each_match<F>(graph: &Graph, plan: &Plan, visit: F) -> u64
where
    F: Fn(&[u32]) -> ControlFlow<()> + Sync,
{
    if let Strategy::Clique(c) = &plan.strategy {
        let stop = AtomicBool::new(false);
        return clique_visit(graph, c, &visit, &stop);
    }
    let ((), seen) = fold_matches(
        graph,
        plan,
        &Work::silent(),
        || (),
        |(), m| visit(m),
        |(), ()| (),
    );
    seen
}

/// Visits every unique match like [`for_each_match`], but each worker carries a state of its
/// own: `init` makes one, `visit(&mut state, match)` updates it, and `merge` combines the
/// workers' states at the end. Returns the merged state and the number of matches visited.
///
/// This is how per-worker aggregates avoid any locking in the hot loop. `progress` is ticked
/// once per start vertex (its total should be `graph.num_vertices()`).
pub fn fold_matches<S, I, F, M>(
    graph: &Graph,
    plan: &Plan,
    progress: &Work,
    init: I,
    visit: F,
    merge: M,
) -> (S, u64)
where
    S: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, &[u32]) -> ControlFlow<()> + Sync,
    M: Fn(S, S) -> S + Sync + Send,
{
    fold_matches_in(graph, plan, Roots::All, progress, init, visit, merge)
}

/// [`fold_matches`] over the matches found from the start vertices in `roots` only (one
/// worker's shard of a distributed run), always on the general plan.
pub fn fold_matches_in<S, I, F, M>(
    graph: &Graph,
    plan: &Plan,
    roots: Roots,
    progress: &Work,
    init: I,
    visit: F,
    merge: M,
) -> (S, u64)
where
    S: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, &[u32]) -> ControlFlow<()> + Sync,
    M: Fn(S, S) -> S + Sync + Send,
{
    let general_plan;
    let g = match &plan.strategy {
        Strategy::General(g) => g,
        Strategy::Clique(c) if matches!(roots, Roots::All) => {
            return fold_cliques(graph, c, progress, init, visit, merge)
        }
        // Counting formulas do not enumerate, and the clique listing has no shards: folding
        // takes the general plan.
        Strategy::Clique(_)
        | Strategy::FourCycle
        | Strategy::Diamond
        | Strategy::TailedTriangle
        | Strategy::House
        | Strategy::FiveCycle => {
            general_plan = general(plan);
            &general_plan
        }
    };
    let stop = AtomicBool::new(false);
    let k = plan.pattern.num_vertices();
    let mut general = General::new(graph, g);
    general.stop = Some(&stop);
    general.roots = roots;
    general.progress = progress;
    let out = general.run(
        || Visitor {
            visit: &visit,
            by_vertex: vec![0; k],
            stop: &stop,
            seen: 0,
            state: init(),
        },
        |a, b| Visitor {
            seen: a.seen + b.seen,
            state: merge(a.state, b.state),
            ..a
        },
    );
    (out.state, out.seen)
}

/// The general (enumerating) plan of `plan`'s pattern, for runs that cannot use a specialised
/// strategy.
fn general(plan: &Plan) -> GeneralPlan {
    let options = crate::plan::PlanOptions {
        counting_tails: false,
        specialised: false,
    };
    match Plan::new(&plan.pattern, None, options).strategy {
        Strategy::General(g) => g,
        _ => unreachable!("a plan without specialised strategies is general"),
    }
}

/// [`fold_matches`] over the clique lister, which is about three times faster than the general
/// plan on cliques but takes a plain visitor: each pool worker keeps its state in a slot of its
/// own ([`WorkerSlots`]). `progress` is ticked in full at the end.
fn fold_cliques<S, I, F, M>(
    graph: &Graph,
    plan: &CliquePlan,
    progress: &Work,
    init: I,
    visit: F,
    merge: M,
) -> (S, u64)
where
    S: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, &[u32]) -> ControlFlow<()> + Sync,
    M: Fn(S, S) -> S + Sync + Send,
{
    let slots = WorkerSlots::new(rayon::current_num_threads());
    // States of visits that could not use their worker's slot (see `WorkerSlots::with`).
    let spilled = Mutex::new(Vec::new());
    let stop = AtomicBool::new(false);
    let seen = clique_visit(
        graph,
        plan,
        &|m: &[u32]| {
            slots
                .with(|slot| visit(slot.get_or_insert_with(&init), m))
                .unwrap_or_else(|| {
                    let mut state = init();
                    let flow = visit(&mut state, m);
                    spilled
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(state);
                    flow
                })
        },
        &stop,
    );
    progress.inc(graph.num_vertices() as u64);
    let state = slots
        .into_states()
        .chain(spilled.into_inner().unwrap_or_else(PoisonError::into_inner))
        .reduce(&merge)
        .unwrap_or_else(init);
    (state, seen)
}

/// One state per worker of the current rayon pool, reached without locking: a lock per match
/// (two atomic operations) made 4-clique programs on ca-HepPh 4.5× slower (8.9 s against 2.0 s
/// with 2 threads).
struct WorkerSlots<S> {
    slots: Vec<WorkerSlot<S>>,
}

/// A worker's state, alone on its cache lines so that workers do not share one.
#[repr(align(128))]
struct WorkerSlot<S> {
    /// Set while the state is lent out, so that a re-entrant visit on the same worker (the
    /// visitor ran rayon work and this worker stole a task that reached here) cannot alias it.
    busy: Cell<bool>,
    state: UnsafeCell<Option<S>>,
}

// SAFETY: slot `i` is only touched by the thread whose rayon index in the pool is `i`
// (`WorkerSlots::with`), so no two threads ever access one slot; moving the states between
// threads needs `S: Send`.
unsafe impl<S: Send> Sync for WorkerSlots<S> {}

impl<S> WorkerSlots<S> {
    fn new(workers: usize) -> Self {
        WorkerSlots {
            slots: (0..workers)
                .map(|_| WorkerSlot {
                    busy: Cell::new(false),
                    state: UnsafeCell::new(None),
                })
                .collect(),
        }
    }

    /// Runs `f` on the calling worker's state; `None` (without running `f`) off the pool, or
    /// when this worker's state is already lent out further up its stack.
    #[inline]
    fn with<R>(&self, f: impl FnOnce(&mut Option<S>) -> R) -> Option<R> {
        let slot = self.slots.get(rayon::current_thread_index()?)?;
        if slot.busy.replace(true) {
            return None;
        }
        // SAFETY: only this thread uses this slot (see the `Sync` impl), and `busy` shows no
        // other borrow of the state is alive on its stack; the borrow ends before `busy` is
        // cleared.
        let out = f(unsafe { &mut *slot.state.get() });
        slot.busy.set(false);
        Some(out)
    }

    fn into_states(self) -> impl Iterator<Item = S> {
        self.slots.into_iter().filter_map(|s| s.state.into_inner())
    }
}

/// Receives complete matches (by depth) from the explorer.
trait Sink: Send {
    /// Whether counting tails may replace enumeration.
    const COUNTS: bool;
    /// A complete match, `m[d]` matched at depth `d`.
    fn visit(&mut self, m: &[u32], order: &[usize]) -> ControlFlow<()>;
    /// Adds `n` matches counted without enumeration.
    fn add(&mut self, n: u128);
}

struct Counter(u128);

impl Sink for Counter {
    const COUNTS: bool = true;
    #[inline]
    fn visit(&mut self, _: &[u32], _: &[usize]) -> ControlFlow<()> {
        self.0 += 1;
        ControlFlow::Continue(())
    }
    #[inline]
    fn add(&mut self, n: u128) {
        self.0 = self.0.saturating_add(n);
    }
}

/// A worker's visitor: the user's closure, its state, and a buffer that puts matches into
/// pattern-vertex order.
struct Visitor<'v, F, S> {
    visit: &'v F,
    by_vertex: Vec<u32>,
    stop: &'v AtomicBool,
    seen: u64,
    state: S,
}

impl<F: Fn(&mut S, &[u32]) -> ControlFlow<()> + Sync, S: Send> Sink for Visitor<'_, F, S> {
    const COUNTS: bool = false;
    #[inline]
    fn visit(&mut self, m: &[u32], order: &[usize]) -> ControlFlow<()> {
        for (d, &v) in order.iter().enumerate() {
            self.by_vertex[v] = m[d];
        }
        self.seen += 1;
        let flow = (self.visit)(&mut self.state, &self.by_vertex);
        if flow.is_break() {
            self.stop.store(true, Ordering::Relaxed);
        }
        flow
    }
    fn add(&mut self, _: u128) {
        unreachable!("visitors never use counting tails")
    }
}

/// Per-worker buffers, one per depth, reused across tasks.
struct Frame {
    /// Data vertex matched at each depth.
    m: Vec<u32>,
    /// Unfiltered intersections (`RawSource::Computed` steps).
    raw: Vec<Vec<u32>>,
    /// Filtered candidate sets (after anti-edge differences and label filters).
    cand: Vec<Vec<u32>>,
    /// Scratch space for multi-way intersections and anti-vertex checks.
    scratch: Vec<u32>,
    /// A second scratch buffer.
    spare: Vec<u32>,
    /// Per tail group: its candidate set (matched vertices not removed).
    tail_sets: Vec<Vec<u32>>,
    /// Sizes of intersections of tail sets, by group mask.
    block_sizes: Vec<u64>,
}

impl Frame {
    fn new(k: usize, groups: usize) -> Frame {
        Frame {
            m: vec![0; k],
            raw: vec![Vec::new(); k],
            cand: vec![Vec::new(); k],
            scratch: Vec::new(),
            spare: Vec::new(),
            tail_sets: vec![Vec::new(); groups],
            block_sizes: vec![0; 1 << groups],
        }
    }
}

/// Where a step's candidates live after [`General::candidates`].
#[derive(Clone, Copy)]
enum Cands {
    /// `graph.adjacency()[start..end]`.
    Adj(usize, usize),
    /// `frame.raw[depth][start..end]`.
    Raw(usize, usize, usize),
    /// `frame.cand[depth]`, all of it.
    Cand(usize),
    /// Every id in `lo..hi`.
    Range(u32, u32),
}

/// Runs a general plan.
struct General<'a> {
    graph: &'a Graph,
    plan: &'a GeneralPlan,
    n: u32,
    stop: Option<&'a AtomicBool>,
    /// The start vertices explored (all but in a distributed run).
    roots: Roots<'a>,
    /// Ticked once per start vertex.
    progress: &'a Work,
    /// `hoisted[d]`: tail groups (of a multi-group tail) whose sets depend on depths below `d`
    /// only, so they are built once `f.m[d - 1]` is set rather than once per tail call.
    hoisted: Vec<Vec<usize>>,
}

impl<'a> General<'a> {
    fn new(graph: &'a Graph, plan: &'a GeneralPlan) -> Self {
        let k = plan.steps.len();
        let mut hoisted = vec![Vec::new(); k + 1];
        if let Some(t) = plan.tail.as_ref().filter(|t| t.groups.len() > 1) {
            for (g, group) in t.groups.iter().enumerate() {
                let step = &plan.steps[group[0]];
                let ready = step
                    .intersect
                    .iter()
                    .chain(&step.subtract)
                    .chain(&step.lower)
                    .chain(&step.upper)
                    .filter(|&&d| d < t.start)
                    .map(|&d| d + 1)
                    .max()
                    .unwrap_or(1);
                hoisted[ready].push(g);
            }
        }
        General {
            graph,
            plan,
            n: graph.num_vertices() as u32,
            stop: None,
            roots: Roots::All,
            progress: &SILENT,
            hoisted,
        }
    }

    fn stopped(&self) -> bool {
        self.stop.is_some_and(|s| s.load(Ordering::Relaxed)) || interrupt::requested()
    }

    /// Splits the work into tasks and runs them in parallel, each worker folding matches into
    /// a sink of its own; the sinks are merged at the end.
    fn run<S, I, M>(&self, make_sink: I, merge: M) -> S
    where
        S: Sink,
        I: Fn() -> S + Sync + Send,
        M: Fn(S, S) -> S + Sync + Send,
    {
        let plan = self.plan;
        let k = plan.steps.len();
        let tail_start = if S::COUNTS {
            plan.tail.as_ref().map_or(k, |t| t.start)
        } else {
            k
        };
        let splittable = k >= 2 && tail_start >= 2 && plan.steps[1].raw == RawSource::List(0);
        let label = plan.steps[0].label;
        // (start vertex, first and one-past-last depth-1 candidate index, whether this task
        // ends its start vertex's work, for the progress bar).
        let mut tasks: Vec<(u32, u32, u32, bool)> = Vec::new();
        let mut skipped = 0;
        for v in 0..self.n {
            if !label.accepts(self.graph.label(v)) || !self.roots.contains(v) {
                skipped += 1;
                continue;
            }
            let degree = self.graph.degree(v);
            if splittable && degree > SPLIT_DEGREE {
                for lo in (0..degree).step_by(CHUNK) {
                    tasks.push((v, lo as u32, (lo + CHUNK) as u32, lo + CHUNK >= degree));
                }
            } else {
                tasks.push((v, 0, u32::MAX, true));
            }
        }
        self.progress.inc(skipped);
        let groups = plan.tail.as_ref().map_or(0, |t| t.groups.len());
        tasks
            .par_iter()
            .fold(
                || (Frame::new(k, groups), make_sink()),
                |(mut frame, mut sink), &(v, lo, hi, last)| {
                    if !self.stopped() {
                        frame.m[0] = v;
                        let _ =
                            self.task(&mut frame, &mut sink, tail_start, lo as usize, hi as usize);
                        if last {
                            self.progress.inc(1);
                        }
                    }
                    (frame, sink)
                },
            )
            .map(|(_, sink)| sink)
            .reduce_with(&merge)
            .unwrap_or_else(make_sink)
    }

    /// One task: the start vertex is `frame.m[0]`; depth 1 iterates candidates `lo..hi`.
    fn task<S: Sink>(
        &self,
        f: &mut Frame,
        sink: &mut S,
        tail_start: usize,
        lo: usize,
        hi: usize,
    ) -> ControlFlow<()> {
        let k = self.plan.steps.len();
        if k == 1 {
            return self.complete(f, sink);
        }
        if S::COUNTS && 1 < tail_start && tail_start < k {
            for &g in &self.hoisted[1] {
                self.fill_tail_set(g, f);
            }
        }
        if tail_start == 1 {
            let n = self.tail_count(f);
            sink.add(n);
            return ControlFlow::Continue(());
        }
        self.extend(1, f, sink, tail_start, lo, hi)
    }

    /// Enumerates depth `i` (candidates with index in `lo..hi`) and everything below it.
    fn extend<S: Sink>(
        &self,
        i: usize,
        f: &mut Frame,
        sink: &mut S,
        tail_start: usize,
        lo: usize,
        hi: usize,
    ) -> ControlFlow<()> {
        let k = self.plan.steps.len();
        let step = &self.plan.steps[i];
        let cands = self.candidates(i, f, i);
        let len = cands_len(&cands, f);
        for idx in lo..hi.min(len) {
            let x = self.cand_at(&cands, f, idx);
            if step.exclude.iter().any(|&d| f.m[d] == x) {
                continue;
            }
            f.m[i] = x;
            if S::COUNTS && i + 1 < tail_start {
                for &g in &self.hoisted[i + 1] {
                    self.fill_tail_set(g, f);
                }
            }
            if i + 1 == k {
                self.complete(f, sink)?;
            } else if i + 1 == tail_start {
                let n = self.tail_count(f);
                sink.add(n);
            } else {
                self.extend(i + 1, f, sink, tail_start, 0, usize::MAX)?;
            }
            // Every level above the leaves polls (two relaxed loads against an intersection per
            // iteration), so Ctrl-C stops even a single deep subtree under a hub at once.
            if i + 1 < k && self.stopped() {
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    }

    /// A complete match: run the anti-vertex checks, then hand it to the sink.
    fn complete<S: Sink>(&self, f: &mut Frame, sink: &mut S) -> ControlFlow<()> {
        for check in &self.plan.anti_checks {
            let first = self.graph.neighbors(f.m[check.depths[0]]);
            let mut witnesses = std::mem::take(&mut f.scratch);
            witnesses.clear();
            witnesses.extend_from_slice(first);
            for &d in &check.depths[1..] {
                intersect_in_place(&mut witnesses, self.graph.neighbors(f.m[d]), &mut f.spare);
            }
            let violated = witnesses
                .iter()
                .any(|&w| check.label.accepts(self.graph.label(w)) && !f.m.contains(&w));
            f.scratch = witnesses;
            if violated {
                return ControlFlow::Continue(());
            }
        }
        sink.visit(&f.m, &self.plan.order)
    }

    /// Id window `[lo, hi)` of step `i` from the restrictions on depths below `limit`.
    #[inline]
    fn bounds(&self, i: usize, f: &Frame, limit: usize) -> (u32, u32) {
        let step = &self.plan.steps[i];
        id_bounds(&step.lower, &step.upper, f, limit)
    }

    /// Builds step `i`'s candidate set (bounds from depths below `limit`; matched vertices are
    /// not yet excluded).
    fn candidates(&self, i: usize, f: &mut Frame, limit: usize) -> Cands {
        let step = &self.plan.steps[i];
        let (lo, hi) = self.bounds(i, f, limit);
        let adjacency = self.graph.adjacency();
        let offsets = self.graph.offsets();
        let raw = match &step.raw {
            RawSource::Universe => Cands::Range(lo.min(self.n), hi.min(self.n)),
            RawSource::List(d) => {
                let v = f.m[*d] as usize;
                let base = offsets[v] as usize;
                let r = setops::bounded_range(&adjacency[base..offsets[v + 1] as usize], lo, hi);
                Cands::Adj(base + r.start, base + r.end)
            }
            RawSource::Alias(j) => window_of(&f.raw[*j], *j, lo, hi),
            RawSource::Computed { from, lists } => {
                let (b_lo, b_hi) = id_bounds(&step.raw_lower, &step.raw_upper, f, limit);
                let mut out = std::mem::take(&mut f.raw[i]);
                let (first, rest) = match from {
                    Some(j) => (setops::bounded(&f.raw[*j], b_lo, b_hi), &lists[..]),
                    None => (
                        setops::bounded(self.graph.neighbors(f.m[lists[0]]), b_lo, b_hi),
                        &lists[1..],
                    ),
                };
                let second = setops::bounded(self.graph.neighbors(f.m[rest[0]]), b_lo, b_hi);
                setops::intersect_into(first, second, &mut out);
                for &d in &rest[1..] {
                    intersect_in_place(&mut out, self.graph.neighbors(f.m[d]), &mut f.scratch);
                }
                f.raw[i] = out;
                window_of(&f.raw[i], i, lo, hi)
            }
        };
        if step.subtract.is_empty() && step.label == Label::Any {
            return raw;
        }
        let mut out = std::mem::take(&mut f.cand[i]);
        out.clear();
        match raw {
            Cands::Range(a, b) => out.extend(a..b),
            other => out.extend_from_slice(self.slice(&other, f)),
        }
        if step.label != Label::Any {
            out.retain(|&x| step.label.accepts(self.graph.label(x)));
        }
        for &d in &step.subtract {
            let minus = self.graph.neighbors(f.m[d]);
            setops::difference_into(&out, minus, &mut f.scratch);
            std::mem::swap(&mut out, &mut f.scratch);
        }
        f.cand[i] = out;
        Cands::Cand(i)
    }

    #[inline]
    fn slice<'f>(&'f self, c: &Cands, f: &'f Frame) -> &'f [u32] {
        match *c {
            Cands::Adj(s, e) => &self.graph.adjacency()[s..e],
            Cands::Raw(j, s, e) => &f.raw[j][s..e],
            Cands::Cand(i) => &f.cand[i],
            Cands::Range(..) => unreachable!("ranges are materialised before slicing"),
        }
    }

    #[inline]
    fn cand_at(&self, c: &Cands, f: &Frame, idx: usize) -> u32 {
        match *c {
            Cands::Adj(s, _) => self.graph.adjacency()[s + idx],
            Cands::Raw(j, s, _) => f.raw[j][s + idx],
            Cands::Cand(i) => f.cand[i][idx],
            Cands::Range(lo, _) => lo + idx as u32,
        }
    }

    /// Number of ways to complete the prefix `f.m[..tail.start]` through the counting tail.
    fn tail_count(&self, f: &mut Frame) -> u128 {
        let tail: &Tail = self.plan.tail.as_ref().expect("tail_count needs a tail");
        let start = tail.start;
        if tail.groups.len() == 1 {
            let group = &tail.groups[0];
            let size = self.tail_set_size(group[0], f, start) as u128;
            return binomial(size, group.len()).saturating_mul(tail.multiplier as u128);
        }
        for &g in &self.hoisted[start] {
            self.fill_tail_set(g, f);
        }
        // Block sizes by group mask, each computed once (`known` marks the valid entries).
        let mut known = 0u64;
        let mut total: i128 = 0;
        for (coef, masks) in &tail.terms {
            let mut product: i128 = *coef as i128;
            for &mask in masks {
                if known >> mask & 1 == 0 {
                    f.block_sizes[mask as usize] = self.group_intersection_size(mask, f) as u64;
                    known |= 1 << mask;
                }
                product = product.saturating_mul(f.block_sizes[mask as usize] as i128);
            }
            total = total.saturating_add(product);
        }
        let ordered = u128::try_from(total).unwrap_or(0);
        (ordered / tail.divisor as u128).saturating_mul(tail.multiplier as u128)
    }

    /// Builds tail group `g`'s candidate set from the matched prefix (bounds, anti-edges and
    /// labels applied; matched vertices not removed: [`General::group_intersection_size`]
    /// discounts them).
    fn fill_tail_set(&self, g: usize, f: &mut Frame) {
        let tail = self.plan.tail.as_ref().expect("tail sets need a tail");
        let rep = tail.groups[g][0];
        let step = &self.plan.steps[rep];
        let (lo, hi) = self.bounds(rep, f, tail.start);
        let mut set = std::mem::take(&mut f.tail_sets[g]);
        let list = |d: usize| setops::bounded(self.graph.neighbors(f.m[d]), lo, hi);
        match step.intersect.as_slice() {
            [d] => {
                set.clear();
                set.extend_from_slice(list(*d));
            }
            [a, b, rest @ ..] => {
                setops::intersect_into(list(*a), list(*b), &mut set);
                for &d in rest {
                    intersect_in_place(&mut set, self.graph.neighbors(f.m[d]), &mut f.spare);
                }
            }
            [] => unreachable!("tail steps have matched neighbours"),
        }
        if step.label != Label::Any {
            set.retain(|&x| step.label.accepts(self.graph.label(x)));
        }
        for &d in &step.subtract {
            setops::difference_into(&set, self.graph.neighbors(f.m[d]), &mut f.spare);
            std::mem::swap(&mut set, &mut f.spare);
        }
        f.tail_sets[g] = set;
    }

    /// `|∩_{g ∈ mask} S_g \ M|` over the tail groups' sets, `M` the matched prefix.
    fn group_intersection_size(&self, mask: u32, f: &mut Frame) -> usize {
        let start = self.plan.tail.as_ref().map_or(0, |t| t.start);
        let prefix = &f.m[..start];
        let mut groups = (0..32).filter(|g| mask >> g & 1 == 1);
        let first = groups.next().expect("non-empty block");
        let Some(second) = groups.next() else {
            let set = &f.tail_sets[first];
            let matched = prefix.iter().filter(|&&x| setops::contains(set, x)).count();
            return set.len() - matched;
        };
        let rest: Vec<usize> = groups.collect();
        if rest.is_empty() {
            let (a, b) = (&f.tail_sets[first], &f.tail_sets[second]);
            let matched = prefix
                .iter()
                .filter(|&&x| setops::contains(a, x) && setops::contains(b, x))
                .count();
            return setops::intersect_count(a, b) - matched;
        }
        let mut acc = std::mem::take(&mut f.scratch);
        setops::intersect_into(&f.tail_sets[first], &f.tail_sets[second], &mut acc);
        for g in rest {
            setops::intersect_into(&acc, &f.tail_sets[g], &mut f.spare);
            std::mem::swap(&mut acc, &mut f.spare);
        }
        let matched = f.m[..start]
            .iter()
            .filter(|&&x| setops::contains(&acc, x))
            .count();
        let size = acc.len() - matched;
        f.scratch = acc;
        size
    }

    /// Size of step `i`'s candidate set without the prefix's matched vertices (bounds from depths
    /// below `limit`), counted without materialising it where possible.
    fn tail_set_size(&self, i: usize, f: &mut Frame, limit: usize) -> usize {
        let step = &self.plan.steps[i];
        let plain = step.subtract.is_empty() && step.label == Label::Any;
        if plain {
            if let RawSource::Computed { from, lists } = &step.raw {
                let pair = match (from, lists.as_slice()) {
                    (Some(j), [x]) => Some((&f.raw[*j][..], self.graph.neighbors(f.m[*x]))),
                    (None, [x, y]) => {
                        Some((self.graph.neighbors(f.m[*x]), self.graph.neighbors(f.m[*y])))
                    }
                    _ => None,
                };
                if let Some((a, b)) = pair {
                    let (lo, hi) = self.bounds(i, f, limit);
                    let a = setops::bounded(a, lo, hi);
                    let b = setops::bounded(b, lo, hi);
                    let mut size = setops::intersect_count(a, b);
                    for &d in &step.exclude {
                        let x = f.m[d];
                        if d < limit && setops::contains(a, x) && setops::contains(b, x) {
                            size -= 1;
                        }
                    }
                    return size;
                }
            }
        }
        let cands = self.candidates(i, f, limit);
        let mut size = cands_len(&cands, f);
        for &d in &step.exclude {
            let x = f.m[d];
            if d >= limit {
                continue;
            }
            let present = match cands {
                Cands::Range(a, b) => (a..b).contains(&x),
                other => setops::contains(self.slice(&other, f), x),
            };
            size -= present as usize;
        }
        size
    }
}

/// The window `[lo, hi)` of `f.raw[j]` as candidates.
#[inline]
/// The id window `[lo, hi)` that the matched vertices at `lower` / `upper` (those below depth
/// `limit`) impose on a candidate.
fn id_bounds(lower: &[usize], upper: &[usize], f: &Frame, limit: usize) -> (u32, u32) {
    let lo = lower
        .iter()
        .filter(|&&d| d < limit)
        .map(|&d| f.m[d] + 1)
        .max()
        .unwrap_or(0);
    let hi = upper
        .iter()
        .filter(|&&d| d < limit)
        .map(|&d| f.m[d])
        .min()
        .unwrap_or(u32::MAX);
    (lo, hi)
}

fn window_of(set: &[u32], j: usize, lo: u32, hi: u32) -> Cands {
    let r = setops::bounded_range(set, lo, hi);
    Cands::Raw(j, r.start, r.end)
}

#[inline]
fn cands_len(c: &Cands, f: &Frame) -> usize {
    match *c {
        Cands::Adj(s, e) | Cands::Raw(_, s, e) => e - s,
        Cands::Cand(i) => f.cand[i].len(),
        Cands::Range(a, b) => b.saturating_sub(a) as usize,
    }
}

/// `set ∩= other`, using `spare` as the output buffer.
fn intersect_in_place(set: &mut Vec<u32>, other: &[u32], spare: &mut Vec<u32>) {
    setops::intersect_into(set, other, spare);
    std::mem::swap(set, spare);
}

/// `C(n, r)`, saturating at `u128::MAX`.
fn binomial(n: u128, r: usize) -> u128 {
    if (r as u128) > n {
        return 0;
    }
    let mut out: u128 = 1;
    for j in 0..r as u128 {
        // out * (n - j) is divisible by j + 1: it equals C(n, j + 1) * (j + 1).
        out = match out.checked_mul(n - j) {
            Some(x) => x / (j + 1),
            None => return u128::MAX,
        };
    }
    out
}

/// 4-cycles, each counted once from its lowest vertex `u` by (degree, id): for every vertex `w`
/// opposite `u`, the middle vertices are the common neighbours ranked above `u`; any two of
/// them close a cycle. A dense per-worker counter over `w` makes this one pass over wedges.
fn four_cycle_count(graph: &Graph) -> u128 {
    let n = graph.num_vertices();
    let above = |a: u32, b: u32| (graph.degree(a), a) > (graph.degree(b), b);
    (0..n as u32)
        .into_par_iter()
        .with_max_len(64)
        .map_init(
            || (vec![0u32; n], Vec::new()),
            |(counter, touched), u| {
                if interrupt::requested() {
                    return 0;
                }
                for &v in graph.neighbors(u) {
                    if !above(v, u) {
                        continue;
                    }
                    for &w in graph.neighbors(v) {
                        if w != u && above(w, u) {
                            if counter[w as usize] == 0 {
                                touched.push(w);
                            }
                            counter[w as usize] += 1;
                        }
                    }
                }
                let mut total = 0u128;
                for &w in touched.iter() {
                    let c = std::mem::take(&mut counter[w as usize]) as u128;
                    total += c * c.saturating_sub(1) / 2;
                }
                touched.clear();
                total
            },
        )
        .reduce(|| 0, u128::saturating_add)
}
