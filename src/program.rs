//! Pattern programs: user mining tasks written as "for each match of these patterns, update an
//! aggregate".
//!
//! This is saker's programming model (Peregrine's pattern-first model, made idiomatic Rust). A
//! [`Program`] holds one or more patterns; [`Program::run`] calls the user's closure once per
//! unique match with the [`Match`], the calling worker's own aggregate (`&mut A`, no locking
//! in the hot path) and a [`Control`]. Workers' aggregates are merged with
//! [`Aggregate::merge`]; they are also folded into a shared running aggregate every
//! [`FLUSH_EVERY`] matches, which the closure may read on the fly ([`Control::read`]) — e.g.
//! to stop once a support threshold is reached. [`Control::stop`] ends the whole run,
//! [`Control::skip_pattern`] only the current pattern's.
//!
//! The built-in apps (motifs, cliques, `exists`, `list`) are written on this API; frequent
//! subgraph mining is not, since it asks whether some match exists per pattern and data vertex
//! rather than visiting every match ([`crate::apps::fsm`]; `examples/mni_miner.rs` shows an MNI
//! miner written on it).
//!
//! ```
//! use std::collections::HashMap;
//! use saker::program::{Control, Match, Program};
//! use saker::{Graph, Pattern};
//!
//! // A labelled square with one diagonal: triangles 0-1-2 and 0-2-3.
//! let graph = Graph::from_edges(4, [(0, 1), (1, 2), (2, 3), (3, 0), (0, 2)])?
//!     .with_labels(vec![7, 7, 8, 8])?;
//! let triangle = Pattern::parse("triangle")?;
//!
//! // Triangles per sorted label triple.
//! let out = Program::new([triangle]).run(&graph, |m: &Match, agg: &mut HashMap<Vec<u32>, u128>, _: &Control<_>| {
//!     let mut key: Vec<u32> = m.vertices().iter().map(|&v| m.graph().label(v).unwrap()).collect();
//!     key.sort();
//!     *agg.entry(key).or_default() += 1;
//! })?;
//! assert_eq!(out.value[&vec![7, 7, 8]], 1);
//! assert_eq!(out.value[&vec![7, 8, 8]], 1);
//! assert_eq!(out.matches, 2);
//! # Ok::<(), saker::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::api::in_pool;
use crate::error::Result;
use crate::exec::{cpu, interrupt};
use crate::graph::Graph;
use crate::pattern::{Pattern, Semantics};
use crate::plan::{GraphProfile, Plan, PlanOptions};
use crate::progress::Work;

/// Matches a worker folds into its own aggregate before merging it into the shared running one
/// (the batch size of what [`Control::read`] sees).
pub const FLUSH_EVERY: u32 = 4096;

/// A value that workers build separately and that can be combined: counts, sums, maps of
/// counts, per-pattern vectors. `merge` must be associative and commutative, and
/// `Default::default()` its neutral element, since the order of merges is not fixed.
pub trait Aggregate: Default + Send {
    /// Folds `other` into `self`.
    fn merge(&mut self, other: Self);
}

impl Aggregate for () {
    fn merge(&mut self, _: ()) {}
}

/// Counters saturate at their type's maximum rather than wrap.
macro_rules! saturating_aggregate {
    ($($t:ty),*) => {$(
        impl Aggregate for $t {
            fn merge(&mut self, other: $t) {
                *self = self.saturating_add(other);
            }
        }
    )*};
}
saturating_aggregate!(u32, u64, u128, usize, i64);

impl Aggregate for f64 {
    fn merge(&mut self, other: f64) {
        *self += other;
    }
}

impl<A: Aggregate> Aggregate for Vec<A> {
    /// Element-wise; the shorter vector is extended with default elements.
    fn merge(&mut self, other: Vec<A>) {
        if self.len() < other.len() {
            self.resize_with(other.len(), A::default);
        }
        for (mine, theirs) in self.iter_mut().zip(other) {
            mine.merge(theirs);
        }
    }
}

impl<K: Eq + Hash + Send, A: Aggregate, S: BuildHasher + Default + Send> Aggregate
    for HashMap<K, A, S>
{
    /// Key-wise.
    fn merge(&mut self, other: Self) {
        for (key, value) in other {
            self.entry(key).or_default().merge(value);
        }
    }
}

impl<K: Ord + Send, A: Aggregate> Aggregate for BTreeMap<K, A> {
    /// Key-wise.
    fn merge(&mut self, other: Self) {
        for (key, value) in other {
            self.entry(key).or_default().merge(value);
        }
    }
}

impl<A: Aggregate, B: Aggregate> Aggregate for (A, B) {
    fn merge(&mut self, other: (A, B)) {
        self.0.merge(other.0);
        self.1.merge(other.1);
    }
}

/// One unique match, as the closure of [`Program::run`] sees it.
#[derive(Clone, Copy, Debug)]
pub struct Match<'a> {
    pattern: usize,
    vertices: &'a [u32],
    graph: &'a Graph,
}

impl<'a> Match<'a> {
    /// Index of the matched pattern in the program.
    pub fn pattern(&self) -> usize {
        self.pattern
    }

    /// Data vertices in pattern-vertex order: `vertices()[v]` is the image of pattern vertex `v`
    /// (saker's internal ids; see [`Match::original_ids`]).
    pub fn vertices(&self) -> &'a [u32] {
        self.vertices
    }

    /// The graph being mined (labels, degrees, neighbours of the matched vertices).
    pub fn graph(&self) -> &'a Graph {
        self.graph
    }

    /// The matched vertices' ids in the input file, in pattern-vertex order.
    pub fn original_ids(&self) -> impl Iterator<Item = u64> + 'a {
        let graph = self.graph;
        self.vertices.iter().map(move |&v| graph.original_id(v))
    }
}

/// What the closure of [`Program::run`] may do besides updating its aggregate: read the
/// running aggregate and stop early.
pub struct Control<'a, A> {
    shared: &'a Mutex<A>,
    stop_all: &'a AtomicBool,
    stop_pattern: &'a AtomicBool,
}

impl<A> Control<'_, A> {
    /// Ends the whole run after the matches workers are holding (no further pattern runs).
    pub fn stop(&self) {
        self.stop_all.store(true, Ordering::Relaxed);
        self.stop_pattern.store(true, Ordering::Relaxed);
    }

    /// Ends the current pattern's run; the program goes on with its next pattern.
    pub fn skip_pattern(&self) {
        self.stop_pattern.store(true, Ordering::Relaxed);
    }

    /// Whether [`Control::stop`] or [`Control::skip_pattern`] was called for this pattern.
    pub fn stopping(&self) -> bool {
        self.stop_pattern.load(Ordering::Relaxed)
    }

    /// Reads the running aggregate: the contributions merged so far, in batches of at least
    /// [`FLUSH_EVERY`] matches, plus every finished pattern's in full. Each piece of work in
    /// flight holds back fewer than [`FLUSH_EVERY`] matches (the caller's own pending updates
    /// are in its `&mut A`, not here).
    pub fn read<R>(&self, f: impl FnOnce(&A) -> R) -> R {
        f(&lock(self.shared))
    }
}

fn lock<A>(m: &Mutex<A>) -> MutexGuard<'_, A> {
    // Aggregates hold plain data; a panic in another worker cannot leave one half-merged in a
    // way that matters more than the panic itself, which rayon propagates anyway.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The result of [`Program::run`].
#[derive(Clone, Debug)]
pub struct Outcome<A> {
    /// Every worker's aggregate, merged.
    pub value: A,
    /// Matches the closure was called on.
    pub matches: u64,
    /// Whether [`Control::stop`] ended the run early.
    pub stopped: bool,
}

/// A mining task over one or more patterns; see the [module documentation](self).
#[derive(Clone, Debug)]
pub struct Program {
    patterns: Vec<Pattern>,
    threads: Option<usize>,
    semantics: Option<Semantics>,
    progress: bool,
}

/// A worker's private aggregate and how many matches it holds since its last merge.
struct Slot<A> {
    value: A,
    pending: u32,
}

impl Program {
    /// A program over `patterns`, run in the given order.
    pub fn new(patterns: impl IntoIterator<Item = Pattern>) -> Program {
        Program {
            patterns: patterns.into_iter().collect(),
            threads: None,
            semantics: None,
            progress: false,
        }
    }

    /// Runs on a private pool of `threads` workers instead of rayon's global pool (one pool
    /// for the whole program, however many patterns it has).
    pub fn threads(mut self, threads: usize) -> Program {
        self.threads = Some(threads);
        self
    }

    /// Matches every pattern with these semantics instead of its own.
    pub fn semantics(mut self, semantics: Semantics) -> Program {
        self.semantics = Some(semantics);
        self
    }

    /// Shows a progress bar per pattern over its start vertices (on stderr, only when it is a
    /// terminal and the pattern has run for [`crate::progress::DELAY`]). Off by default.
    pub fn progress(mut self, on: bool) -> Program {
        self.progress = on;
        self
    }

    /// The program's patterns.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// The pattern as it will be matched (the program's semantics applied).
    fn effective(&self, pattern: &Pattern) -> Pattern {
        match self.semantics {
            Some(s) => pattern.clone().with_semantics(s),
            None => pattern.clone(),
        }
    }

    /// The number of unique matches of each pattern, in order, by the planner's fastest path
    /// (counting tails, clique and cycle formulas): no closure runs.
    ///
    /// # Errors
    /// [`Error::Overflow`](crate::Error::Overflow) past `u64`;
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for zero threads;
    /// [`Error::Interrupted`](crate::Error::Interrupted) /
    /// [`Error::TimedOut`](crate::Error::TimedOut).
    pub fn count(&self, graph: &Graph) -> Result<Vec<u64>> {
        in_pool(self.threads, || {
            let profile = GraphProfile::of(graph);
            self.patterns
                .iter()
                .map(|p| {
                    let plan =
                        Plan::new(&self.effective(p), Some(&profile), PlanOptions::default());
                    cpu::count(graph, &plan)
                })
                .collect()
        })?
    }

    /// Calls `visit(match, aggregate, control)` once per unique match of every pattern and
    /// returns the merged aggregate.
    ///
    /// Each worker folds matches into an aggregate of its own, carried through the explorer
    /// (no lock per match); every [`FLUSH_EVERY`] matches it moves that aggregate into the
    /// shared running one that [`Control::read`] shows.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for zero threads;
    /// [`Error::Interrupted`](crate::Error::Interrupted) /
    /// [`Error::TimedOut`](crate::Error::TimedOut) when the run was stopped from outside
    /// (never a partial value).
    pub fn run<A, F>(&self, graph: &Graph, visit: F) -> Result<Outcome<A>>
    where
        A: Aggregate,
        F: Fn(&Match<'_>, &mut A, &Control<'_, A>) + Sync,
    {
        in_pool(self.threads, || self.run_here(graph, &visit))?
    }

    /// [`Program::run`] on the current pool.
    fn run_here<A, F>(&self, graph: &Graph, visit: &F) -> Result<Outcome<A>>
    where
        A: Aggregate,
        F: Fn(&Match<'_>, &mut A, &Control<'_, A>) + Sync,
    {
        let shared = Mutex::new(A::default());
        let stop_all = AtomicBool::new(false);
        let mut matches = 0u64;
        // One profile for all patterns: a program may have thousands (frequent-pattern mining).
        let profile = GraphProfile::of(graph);
        for (index, pattern) in self.patterns.iter().enumerate() {
            if stop_all.load(Ordering::Relaxed) {
                break;
            }
            let plan = Plan::new(
                &self.effective(pattern),
                Some(&profile),
                PlanOptions::default(),
            );
            let stop_pattern = AtomicBool::new(false);
            let control = Control {
                shared: &shared,
                stop_all: &stop_all,
                stop_pattern: &stop_pattern,
            };
            let progress = Work::new(
                self.progress,
                format!("{} ({}/{})", pattern, index + 1, self.patterns.len()),
                graph.num_vertices() as u64,
            );
            let (rest, seen) = cpu::fold_matches(
                graph,
                &plan,
                &progress,
                || Slot {
                    value: A::default(),
                    pending: 0,
                },
                |slot: &mut Slot<A>, vertices| {
                    let m = Match {
                        pattern: index,
                        vertices,
                        graph,
                    };
                    visit(&m, &mut slot.value, &control);
                    slot.pending += 1;
                    if slot.pending >= FLUSH_EVERY {
                        slot.pending = 0;
                        lock(&shared).merge(std::mem::take(&mut slot.value));
                    }
                    if control.stopping() {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                },
                |mut a, b| {
                    // Pieces of work that ended below the flush size meet here.
                    a.value.merge(b.value);
                    a.pending += b.pending;
                    if a.pending >= FLUSH_EVERY {
                        a.pending = 0;
                        lock(&shared).merge(std::mem::take(&mut a.value));
                    }
                    a
                },
            );
            matches += seen;
            lock(&shared).merge(rest.value);
            interrupt::check("the pattern program")?;
        }
        Ok(Outcome {
            value: shared.into_inner().unwrap_or_else(PoisonError::into_inner),
            matches,
            stopped: stop_all.load(Ordering::Relaxed),
        })
    }
}

impl From<Pattern> for Program {
    fn from(pattern: Pattern) -> Program {
        Program::new([pattern])
    }
}
