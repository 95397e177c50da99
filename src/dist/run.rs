//! Runs one distributed job on timely-dataflow and moves the workers' partial results.
//!
//! A process starts its part of the run ([`Runtime::start`]) before it loads the graph: the
//! peers connect and the process's workers but the first start in the background, then wait
//! for the job ([`Runtime::run`]).
//!
//! Each worker builds one small dataflow: an input of `(to, from, bytes)` messages, a timely
//! `exchange` routing each message to worker `to`, and a sink collecting what arrives. A job
//! exchanges in *rounds* ([`Ctx::all_gather`], and [`Ctx::gather`] last): every worker sends
//! its serialized partial result (bincode, the encoding timely itself uses on the wire),
//! advances the input's timestamp (or closes the input, after the last round), and steps the
//! worker until every worker's part of the round has arrived, or the round's timestamp has
//! passed the probe, which also ends a round that a worker left without its part (a worker
//! that receives nothing in the round goes on at once). A worker's error
//! travels in place of its result, so every worker ends the round with the same error instead
//! of waiting forever.
//!
//! The bytes each round moved between workers and between processes are counted from the
//! payload sizes and printed on stderr by process 0 ([`Round`]).
//!
//! A process's first worker runs on the thread that calls [`Runtime::run`], the thread that
//! loaded the graph, so the job starts there instead of being handed to a worker thread (the
//! process's other workers run on threads of their own, started while the graph loads). Every
//! job begins with a start round ([`Ctx::begin`]): process 0 reports the time it waited there
//! for slower peers apart from the job's ([`Finished::waited`]). Process 0's answer comes back
//! as soon as its first worker's job ends ([`Finished`]), before the run has shut down
//! ([`Closing`]): timely's shutdown waits for every process's network threads, and the answer
//! need not.
//!
//! Processes connect over TCP (our own time-limited handshake, which says on stderr whom it
//! waits for after 2 s, then timely's networking threads). When a peer dies mid-run, timely's
//! receive thread panics with "timely communication error"; the panic hook installed here
//! turns any panic of a distributed run into a clear message and exit code 2, so no process
//! hangs or prints a partial result.

use std::any::Any;
use std::cell::RefCell;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::rc::Rc;
use std::sync::{mpsc, Arc, Condvar, Mutex, Once, PoisonError};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde::Serialize;
use timely::communication::allocator::thread::Thread;
use timely::communication::allocator::zero_copy::initialize::initialize_networking_from_sockets;
use timely::communication::allocator::{Allocator, AllocatorBuilder, ProcessBuilder};
use timely::communication::{initialize_from, Hooks, WorkerGuards};
use timely::container::CapacityContainerBuilder;
use timely::dataflow::operators::{Exchange, Input, Inspect, Probe};
use timely::dataflow::{InputHandle, ProbeHandle};
use timely::worker::Worker;
use timely::{CommunicationConfig, WorkerConfig};

use super::Cluster;
use crate::error::{Error, Result};
use crate::exec::Share;

/// How long a process waits for a peer before it says on stderr whom it is waiting for.
const NOTE_AFTER: Duration = Duration::from_secs(2);

/// The shortest pause between two dials of a peer not listening yet ([`Patience::pause`]).
const MIN_PAUSE: Duration = Duration::from_micros(100);

/// The longest pause between two dials of a peer not listening yet.
const MAX_PAUSE: Duration = Duration::from_millis(50);

/// How long a process that fails before its job waits to reach its peers, and then for them
/// to take its error, before it exits anyway ([`Runtime::fail`]).
const FAIL_WAIT: Duration = Duration::from_secs(10);

/// Test hook: a worker of this process index sleeps this many milliseconds (`I:MS`) after the
/// start round, before its job, so a test can kill a process mid-run.
const DELAY_VAR: &str = "SAKER_DIST_TEST_DELAY";

/// One message: destination worker, source worker, round, serialized `Result<T, String>`.
type Message = (u32, u32, u64, Vec<u8>);

/// What one round moved, as seen by worker 0.
#[derive(Clone, Debug)]
pub struct Round {
    /// What was exchanged.
    pub what: String,
    /// Payload bytes sent from one worker to another.
    pub between_workers: u64,
    /// Payload bytes sent from one process to another (over the network).
    pub between_processes: u64,
}

/// A job's result on process 0, returned as soon as worker 0 has it (every worker's part has
/// then arrived); the rest of the run shuts down in the background, or, for worker 0, when
/// [`Closing`] is waited for or dropped.
pub struct Finished<T> {
    /// Worker 0's result.
    pub value: T,
    /// How long worker 0 waited for its peers rather than working: for the connection to the
    /// peers, if it was not up when the job came, and in the start round (for the slowest
    /// process's load, and the round itself, 0.1 ms on ca-HepPh).
    pub waited: Duration,
    /// The exchange rounds, as seen by worker 0.
    pub rounds: Vec<Round>,
    /// The rest of the run: wait for it (or drop it) before the process exits.
    pub closing: Closing,
}

/// The end of a distributed run on process 0 after its result: worker 0 (which runs on the
/// caller's thread, so this is not `Send`) and the other workers finish, and timely shuts
/// down, which waits for the peers' network threads to say goodbye (a few loopback hops,
/// 0.2–1.4 ms measured on ca-HepPh). Dropping it waits for that too, so that no process
/// leaves a peer with a reset connection.
pub struct Closing {
    first: Option<Worker>,
    others: Option<WorkerGuards<Outcome>>,
}

impl Closing {
    /// Waits for the run to shut down and returns how long that took.
    pub fn wait(mut self) -> Duration {
        let start = Instant::now();
        self.shut_down();
        start.elapsed()
    }

    fn shut_down(&mut self) {
        // A worker that panics ends the process through the failure hook, and any error a
        // worker returns has reached worker 0's result already.
        if let Some(mut first) = self.first.take() {
            step_to_end(&mut first, None);
        }
        if let Some(others) = self.others.take() {
            drop(others.join());
        }
    }
}

impl Drop for Closing {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// A worker's view of the run: its index and the exchange rounds.
pub struct Ctx<'w> {
    worker: &'w mut Worker,
    cluster: &'w Cluster,
    /// `None` once the final [`Ctx::gather`] has closed the exchange.
    input: Option<InputHandle<u64, CapacityContainerBuilder<Vec<Message>>>>,
    probe: ProbeHandle<u64>,
    inbox: Rc<RefCell<Vec<Message>>>,
    rounds: Vec<Round>,
    /// How long the start round took ([`Ctx::begin`]).
    waited: Duration,
}

/// What a worker leaves after its job: the job's result, the rounds it saw, what arrived
/// after its last round, and how long its start round took.
struct Ended<R> {
    out: R,
    rounds: Vec<Round>,
    inbox: Rc<RefCell<Vec<Message>>>,
    waited: Duration,
}

impl<'w> Ctx<'w> {
    /// Builds `worker`'s end of the exchange: an input of messages, a timely `exchange` routing
    /// each to its destination worker, and a sink collecting what arrives.
    fn new(worker: &'w mut Worker, cluster: &'w Cluster) -> Ctx<'w> {
        let inbox = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&inbox);
        let mut input = InputHandle::new();
        let probe = ProbeHandle::new();
        worker.dataflow::<u64, _, _>(|scope| {
            scope
                .input_from(&mut input)
                .container::<Vec<Message>>()
                .exchange(|m: &Message| u64::from(m.0))
                .inspect(move |m: &Message| sink.borrow_mut().push(m.clone()))
                .probe_with(&probe);
        });
        Ctx {
            worker,
            cluster,
            input: Some(input),
            probe,
            inbox,
            rounds: Vec::new(),
            waited: Duration::ZERO,
        }
    }

    /// Runs `job` as this worker's part of the run; the exchange closes with the context if
    /// the job has not closed it.
    fn run<R>(mut self, job: impl FnOnce(&mut Ctx) -> R) -> Ended<R> {
        let out = job(&mut self);
        Ended {
            out,
            rounds: self.rounds,
            inbox: self.inbox,
            waited: self.waited,
        }
    }

    /// The start round, before the job proper: every worker sends an empty part once its
    /// process has loaded the graph, so worker 0's clock for the job starts when every
    /// process can work, and the time a process waits for a slower one to start or load is
    /// reported apart ([`Finished::waited`]). It also carries the error of a process that
    /// failed before its job ([`Runtime::fail`]) to every worker. (Then the test delay of this
    /// process, if any, so that a test can stop a process mid-run.)
    fn begin(&mut self) -> Result<()> {
        let start = Instant::now();
        self.all_gather("start: every process has loaded the graph", Ok(()))?;
        self.waited = start.elapsed();
        if let Some(delay) = test_delay(self.cluster.process()) {
            std::thread::sleep(delay);
        }
        Ok(())
    }

    /// This worker's global index.
    pub fn index(&self) -> usize {
        self.worker.index()
    }

    /// All workers of the run.
    pub fn peers(&self) -> usize {
        self.worker.peers()
    }

    /// Every worker's `mine`, in worker order, on every worker; an error of any worker (the
    /// lowest-numbered one) on all of them.
    pub fn all_gather<T: Serialize + DeserializeOwned>(
        &mut self,
        what: &str,
        mine: Result<T>,
    ) -> Result<Vec<T>> {
        let peers = self.peers();
        let got = self.round(what, (0..peers).collect(), mine, false)?;
        Ok(got.expect("every worker receives an all-gather"))
    }

    /// The job's final round: every worker's `mine`, in worker order, on worker 0 (`None`
    /// elsewhere); an error of any worker on worker 0, and on the worker that failed.
    ///
    /// Each worker closes the exchange as it sends, so the dataflow can retire on every worker
    /// as soon as the last part arrives, without one more exchange of progress messages; a
    /// round after it fails.
    pub fn gather<T: Serialize + DeserializeOwned>(
        &mut self,
        what: &str,
        mine: Result<T>,
    ) -> Result<Option<Vec<T>>> {
        self.round(what, vec![0], mine, true)
    }

    /// Sends `message` to every worker as this worker's error in the current round, and closes
    /// the exchange. Whatever the peers' round, they fail with it: an error decodes as a part
    /// of any type.
    fn abort(&mut self, message: &str) {
        let Some(mut input) = self.input.take() else {
            return;
        };
        let payload = bincode::serialize(&Err::<(), &str>(message)).expect("a string encodes");
        let (round, me) = (*input.time(), self.index() as u32);
        for to in 0..self.peers() {
            input.send((to as u32, me, round, payload.clone()));
        }
        drop(input);
        self.worker.step();
    }

    /// Sends `mine` to the workers `to`, then (if this worker is one of them) waits for every
    /// worker's part; `close` ends the exchange after this round.
    fn round<T: Serialize + DeserializeOwned>(
        &mut self,
        what: &str,
        to: Vec<usize>,
        mine: Result<T>,
        close: bool,
    ) -> Result<Option<Vec<T>>> {
        let me = self.index();
        let local_error = mine.as_ref().err().map(reason);
        let payload = bincode::serialize(&mine.map_err(|e| reason(&e)))
            .map_err(|e| Error::Distributed(format!("cannot encode {what}: {e}")))?;
        let Some(input) = self.input.as_mut() else {
            return Err(Error::Distributed(format!(
                "round ({what}) after the final gather"
            )));
        };
        let round = *input.time();
        for &t in &to {
            input.send((t as u32, me as u32, round, payload.clone()));
        }
        match close {
            // Dropping the handle releases its capability: the frontier then passes every
            // round once all workers have closed.
            true => self.input = None,
            false => input.advance_to(round + 1),
        }
        if !to.contains(&me) {
            // Nothing comes back: hand the part to the network and go on. Timely keeps the
            // dataflow (and the process) alive until every message has been delivered, and
            // not waiting here spares the end of a job one exchange of progress messages.
            self.worker.step();
            return match local_error {
                Some(e) => Err(Error::Distributed(format!("worker {me}: {e}"))),
                None => Ok(None),
            };
        }
        // Every worker sends exactly one part per round, so the round is over once every part
        // is in, without waiting for the progress messages that move the probe. The probe
        // still ends the round when a worker left without sending (its job returned early):
        // the parts are then too few, which is reported below. Park between steps rather than
        // spin: a spinning worker keeps its core from the network threads that carry the
        // round's messages (on a machine with no idle core a round then lasts as long as a
        // scheduler time slice, 3-8 ms instead of 0.1-1 ms).
        let arrived =
            |inbox: &RefCell<Vec<Message>>| inbox.borrow().iter().filter(|m| m.2 == round).count();
        while arrived(&self.inbox) < self.peers() && self.probe.less_than(&(round + 1)) {
            self.worker.step_or_park(None);
        }
        // A faster worker's messages of the next round may have arrived already: keep them.
        let (mut got, later): (Vec<Message>, Vec<Message>) =
            std::mem::take(&mut *self.inbox.borrow_mut())
                .into_iter()
                .partition(|m| m.2 == round);
        *self.inbox.borrow_mut() = later;
        got.sort_by_key(|m| m.1);
        // A worker's error says more than the parts missing after it: a worker that failed
        // before its job sends its error once and closes.
        if let Some((from, error)) = got
            .iter()
            .find_map(|(_, from, _, bytes)| Some((from, peer_error(bytes)?)))
        {
            return Err(Error::Distributed(format!("worker {from}: {error}")));
        }
        if got.len() != self.peers() {
            // Every worker sends in every round; fewer parts mean the workers disagree on
            // which round this is (one left a job early), and a merge would be incomplete.
            return Err(Error::Distributed(format!(
                "round {} ({what}): worker {me} got parts from {} of {} workers",
                round + 1,
                got.len(),
                self.peers()
            )));
        }
        if me == 0 {
            self.count(what, &to, &got);
        }
        let mut out = Vec::with_capacity(got.len());
        for (_, from, _, bytes) in got {
            let value: std::result::Result<T, String> = bincode::deserialize(&bytes)
                .map_err(|e| Error::Distributed(format!("cannot decode {what}: {e}")))?;
            out.push(value.map_err(|e| Error::Distributed(format!("worker {from}: {e}")))?);
        }
        Ok(Some(out))
    }

    /// Records the bytes of a round whose messages from every worker went to `to`.
    fn count(&mut self, what: &str, to: &[usize], got: &[Message]) {
        let mut round = Round {
            what: what.to_string(),
            between_workers: 0,
            between_processes: 0,
        };
        for (_, from, _, bytes) in got {
            let from = *from as usize;
            for &t in to.iter().filter(|&&t| t != from) {
                round.between_workers += bytes.len() as u64;
                if self.cluster.process_of(t) != self.cluster.process_of(from) {
                    round.between_processes += bytes.len() as u64;
                }
            }
        }
        self.rounds.push(round);
    }
}

impl Share for Ctx<'_> {
    fn all_gather<T: Serialize + DeserializeOwned>(
        &mut self,
        what: &str,
        mine: Result<T>,
    ) -> Result<Vec<T>> {
        Ctx::all_gather(self, what, mine)
    }
}

/// What one of a process's other workers (all but its first, which runs on the caller's
/// thread) hands back at its end: the job's result (type-erased: these workers start before the
/// job, so before its type is known), and the error a peer sent in a round this worker did not
/// receive, if any.
type Outcome = (Box<dyn Any + Send>, Option<String>);

/// A job as the other workers run it.
type Job = dyn Fn(&mut Ctx) -> Box<dyn Any + Send> + Send + Sync;

/// Where the other workers wait for their job.
#[derive(Default)]
struct Handoff {
    job: Mutex<Option<Arc<Job>>>,
    given: Condvar,
}

impl Handoff {
    fn give(&self, job: Arc<Job>) {
        *self.job.lock().unwrap_or_else(PoisonError::into_inner) = Some(job);
        self.given.notify_all();
    }

    fn wait(&self) -> Arc<Job> {
        let guard = self.job.lock().unwrap_or_else(PoisonError::into_inner);
        let guard = self
            .given
            .wait_while(guard, |job| job.is_none())
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(guard.as_ref().expect("woken with a job"))
    }
}

/// This process's part of a distributed run, started before its job is known: connecting to
/// the peers and starting the timely workers (which then wait for the job) happen in the
/// background while the caller loads the graph, so a run's wall-clock time pays for the
/// slower of the two rather than for both, and peers started at slightly different times meet
/// while they load.
///
/// A runtime that does not get to run its job ([`Runtime::fail`], or dropped) hands its peers
/// an error instead, so that the whole run stops with a reason.
pub struct Runtime {
    cluster: Cluster,
    handoff: Arc<Handoff>,
    /// The started workers, or why they could not start, from the starting thread; taken by
    /// the job or by the failure.
    started: Option<mpsc::Receiver<Result<Started>>>,
}

/// This process's workers as the starting thread leaves them: the first one's allocator, to
/// become a worker on the thread that runs the job, and the others, started on threads of
/// their own and waiting for the job (they also hold the network threads).
struct Started {
    first: AllocatorBuilder,
    others: WorkerGuards<Outcome>,
}

/// The allocator of `builder`, built on the calling thread (timely builds allocators only on
/// the threads it starts itself, hence the match).
fn build_allocator(builder: AllocatorBuilder) -> Allocator {
    match builder {
        // A thread builder carries nothing (and has no public `build`).
        AllocatorBuilder::Thread(_) => Allocator::Thread(Thread::default()),
        AllocatorBuilder::Process(p) => Allocator::Process(p.build()),
        AllocatorBuilder::Tcp(z) => Allocator::Tcp(z.build()),
    }
}

/// A timely worker on the calling thread, communicating through `allocator`.
fn new_worker(allocator: Allocator) -> Worker {
    Worker::new(WorkerConfig::default(), allocator, Some(Instant::now()))
}

impl Runtime {
    /// Starts this process's part of `cluster` in the background.
    ///
    /// # Errors
    /// [`Error::Distributed`] when this process cannot listen on its address. Failing to reach
    /// the peers is reported by [`Runtime::run`].
    pub fn start(cluster: Cluster) -> Result<Runtime> {
        install_failure_hook();
        let listener = listen(&cluster)?;
        let handoff = Arc::new(Handoff::default());
        let (sender, started) = mpsc::channel();
        let (shared, waiting) = (cluster.clone(), Arc::clone(&handoff));
        std::thread::Builder::new()
            .name("saker-dist-start".into())
            .spawn(move || {
                // A send fails only when the runtime was dropped: the workers then wait
                // until the process exits.
                let _ = sender.send(start_workers(shared, listener, waiting));
            })
            .map_err(|e| Error::Distributed(format!("cannot start a thread: {e}")))?;
        Ok(Runtime {
            cluster,
            handoff,
            started: Some(started),
        })
    }

    /// Runs `job` on every worker (this process's first one on the calling thread) and returns
    /// worker 0's result on process 0 as soon as it is known (`None` on the other processes,
    /// once their part has ended).
    ///
    /// # Errors
    /// [`Error::Distributed`] when the peers cannot be reached or a worker failed; the job's
    /// own errors. An error returns only after the run has shut down.
    pub fn run<T, F>(mut self, job: F) -> Result<Option<Finished<T>>>
    where
        T: Send + 'static,
        F: Fn(&mut Ctx) -> Result<T> + Send + Sync + 'static,
    {
        let started = self.started.take().expect("a runtime runs one job");
        let job = Arc::new(move |ctx: &mut Ctx| ctx.begin().and_then(|()| job(ctx)));
        let theirs = Arc::clone(&job);
        self.handoff.give(Arc::new(move |ctx: &mut Ctx| {
            Box::new(theirs(ctx)) as Box<dyn Any + Send>
        }));
        // The workers are usually up by now; when not, this process is waiting for its peers
        // to come up, which is counted with the start round.
        let entered = Instant::now();
        let Started { first, others } = started
            .recv()
            .map_err(|_| Error::Distributed("the workers' starting thread failed".into()))??;
        let started_after = entered.elapsed();
        let mut first = new_worker(build_allocator(first));
        let Ended {
            out,
            rounds,
            inbox,
            waited,
        } = Ctx::new(&mut first, &self.cluster).run(|ctx| job(ctx));
        if self.cluster.is_leader() {
            // On an error, `closing` is dropped on return: the run shuts down first.
            let closing = Closing {
                first: Some(first),
                others: Some(others),
            };
            return out.map(|value| {
                Some(Finished {
                    value,
                    waited: started_after + waited,
                    rounds,
                    closing,
                })
            });
        }
        let late = finish(&mut first, &inbox);
        drop(first);
        let theirs = others.join().into_iter().map(|result| {
            let (out, late) =
                result.map_err(|e| Error::Distributed(format!("a worker failed: {e}")))?;
            let out = *out
                .downcast::<Result<T>>()
                .expect("every worker runs the job given to it");
            Ok((out, late))
        });
        for outcome in std::iter::once(Ok((out, late))).chain(theirs) {
            let (out, late) = outcome?;
            out?;
            if let Some(error) = late {
                return Err(Error::Distributed(error));
            }
        }
        Ok(None)
    }

    /// Ends this process's part of the run without its job, because of `error` (say, the
    /// graph could not be read): every worker sends the error as its part of the first round,
    /// so every process fails with it rather than waiting for this one or losing the
    /// connection to it. Waits at most 10 s for the peers to connect, and as long again for
    /// them to take the error.
    pub fn fail(mut self, error: &Error) {
        self.stop(format!("process {}: {error}", self.cluster.process()));
    }

    /// [`Runtime::fail`] with `message` as the reason, unless the job has been handed over.
    fn stop(&mut self, message: String) {
        let Some(started) = self.started.take() else {
            return;
        };
        let message = Arc::new(message);
        let theirs = Arc::clone(&message);
        self.handoff.give(Arc::new(move |ctx: &mut Ctx| {
            ctx.abort(&theirs);
            Box::new(()) as Box<dyn Any + Send>
        }));
        let started = match started.recv_timeout(Duration::from_millis(50)) {
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // Say why the error is not reported at once.
                eprintln!(
                    "note: waiting up to {} s for the other processes, to pass them this \
                     process's error",
                    FAIL_WAIT.as_secs()
                );
                started.recv_timeout(FAIL_WAIT)
            }
            got => got,
        };
        let Ok(Ok(Started { first, others })) = started else {
            return;
        };
        // The peers take the error as they reach their first round; one still loading a
        // large graph must not hold this process for long, so the other workers are joined on
        // a thread of their own, and the first is stepped for a limited time.
        let deadline = Instant::now() + FAIL_WAIT;
        let (joined, done) = mpsc::channel();
        std::thread::spawn(move || {
            drop(others.join());
            let _ = joined.send(());
        });
        let mut first = new_worker(build_allocator(first));
        Ctx::new(&mut first, &self.cluster).run(|ctx| ctx.abort(&message));
        if step_to_end(&mut first, Some(deadline)) {
            drop(first);
            let _ = done.recv_timeout(deadline.saturating_duration_since(Instant::now()));
        }
    }
}

impl Drop for Runtime {
    /// A runtime dropped before its job stops the run (see [`Runtime::fail`]).
    fn drop(&mut self) {
        let process = self.cluster.process();
        self.stop(format!("process {process} stopped before its job"));
    }
}

/// Connects to the peers (for more than one process), starts this process's workers but the
/// first on threads of their own, where they build their exchange dataflow and wait for the
/// job in `handoff`, and returns them with the first one's allocator.
fn start_workers(
    cluster: Cluster,
    listener: Option<TcpListener>,
    handoff: Arc<Handoff>,
) -> Result<Started> {
    let (workers, process) = (cluster.workers(), cluster.process());
    let (mut builders, network): (Vec<AllocatorBuilder>, Box<dyn Any + Send>) = match cluster
        .processes()
    {
        1 => CommunicationConfig::Process(workers)
            .try_build()
            .map_err(|e| Error::Distributed(format!("cannot start the workers: {e}")))?,
        _ => {
            let sockets = connect(&cluster, listener)?;
            let hooks = Hooks::default();
            let allocators = ProcessBuilder::new_typed_vector(
                workers,
                hooks.refill.clone(),
                hooks.spill.clone(),
            );
            let (builders, guard) =
                initialize_networking_from_sockets(allocators, sockets, process, workers, hooks)
                    .map_err(|e| Error::Distributed(format!("cannot start networking: {e}")))?;
            let builders = builders.into_iter().map(AllocatorBuilder::Tcp).collect();
            (builders, Box::new(guard))
        }
    };
    let first = builders.remove(0);
    let other_worker = move |allocator| -> Outcome {
        crate::exec::compute_on_this_thread();
        let mut worker = new_worker(allocator);
        let ctx = Ctx::new(&mut worker, &cluster);
        let job = handoff.wait();
        let ended = ctx.run(|ctx| job(ctx));
        (ended.out, finish(&mut worker, &ended.inbox))
    };
    let others = initialize_from(builders, network, other_worker)
        .map_err(|e| Error::Distributed(format!("cannot start the workers: {e}")))?;
    Ok(Started { first, others })
}

/// Steps `worker` until its dataflow has retired (every worker has closed the exchange and
/// what was sent has been delivered), or until `deadline`; whether it retired.
fn step_to_end(worker: &mut Worker, deadline: Option<Instant>) -> bool {
    while worker.has_dataflows() {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if left.is_some_and(|left| left.is_zero()) {
            return false;
        }
        worker.step_or_park(left);
    }
    true
}

/// Runs a worker whose job has ended to the end of the run ([`step_to_end`]), then returns the
/// error a peer sent in a round this worker did not receive, if any: a peer that failed before
/// its job sends its error to every worker, also to those that receive nothing in the round (a
/// gather's senders), and they must fail too. (Stepping to the end here rather than in timely's
/// loop is what lets the worker see it.)
fn finish(worker: &mut Worker, inbox: &RefCell<Vec<Message>>) -> Option<String> {
    step_to_end(worker, None);
    inbox
        .borrow()
        .iter()
        .find_map(|(_, from, _, bytes)| Some(format!("worker {from}: {}", peer_error(bytes)?)))
}

/// What a worker's error says, as it travels to the others (without the "distributed run"
/// prefix, which the receiving side adds again).
fn reason(error: &Error) -> String {
    match error {
        Error::Distributed(message) => message.clone(),
        other => other.to_string(),
    }
}

/// The error in a message's payload, if it carries one: an error is encoded the same whatever
/// the type of the part it stands for.
fn peer_error(payload: &[u8]) -> Option<String> {
    match bincode::deserialize::<std::result::Result<(), String>>(payload) {
        Ok(Err(error)) => Some(error),
        _ => None,
    }
}

/// Prints the rounds of a run on stderr, one line each.
pub fn report(rounds: &[Round]) {
    for (i, r) in rounds.iter().enumerate() {
        eprintln!(
            "dist: round {} ({}): {} bytes between workers, {} between processes",
            i + 1,
            r.what,
            r.between_workers,
            r.between_processes
        );
    }
}

/// Listens on this process's address when higher-numbered processes will dial it, so that
/// peers dialling early are queued, not refused.
fn listen(cluster: &Cluster) -> Result<Option<TcpListener>> {
    let (me, addresses) = (cluster.process(), cluster.addresses());
    if me + 1 == addresses.len() {
        return Ok(None);
    }
    let listener = TcpListener::bind(&addresses[me]).map_err(|e| {
        Error::Distributed(format!(
            "process {me} cannot listen on {}: {e}",
            addresses[me]
        ))
    })?;
    Ok(Some(listener))
}

/// Connects this process to every other: it dials the lower-numbered processes and accepts
/// the higher-numbered ones on `listener`. The dialling side names itself with its index and
/// a fingerprint of the cluster (8 bytes each, little-endian), so a process of another run
/// that happens to dial this port is turned away with an error instead of joining.
fn connect(cluster: &Cluster, listener: Option<TcpListener>) -> Result<Vec<Option<TcpStream>>> {
    let me = cluster.process();
    let fingerprint = fingerprint(cluster);
    let addresses = cluster.addresses();
    let mut patience = Patience::new(cluster.connect_timeout());
    let mut sockets: Vec<Option<TcpStream>> = (0..addresses.len()).map(|_| None).collect();
    let fail = |what: String| Error::Distributed(what);
    for (peer, address) in addresses.iter().enumerate().take(me) {
        let mut stream = loop {
            match TcpStream::connect(address) {
                Ok(s) => break s,
                Err(e) if patience.exhausted() => {
                    return Err(fail(format!(
                        "process {peer} at {address} did not answer within {}: {e}",
                        patience.limit()
                    )))
                }
                Err(_) => {
                    patience.note(|| format!("process {peer} at {address} to listen"));
                    patience.pause();
                }
            }
        };
        let mut hello = (me as u64).to_le_bytes().to_vec();
        hello.extend(fingerprint.to_le_bytes());
        stream
            .write_all(&hello)
            .map_err(|e| fail(format!("handshake with process {peer}: {e}")))?;
        sockets[peer] = Some(stream);
    }
    if let Some(listener) = listener {
        listener
            .set_nonblocking(true)
            .map_err(|e| fail(format!("listener: {e}")))?;
        while sockets[me + 1..].iter().any(Option::is_none) {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    stream
                        .set_nonblocking(false)
                        .map_err(|e| fail(format!("socket: {e}")))?;
                    let mut hello = [0u8; 16];
                    stream
                        .read_exact(&mut hello)
                        .map_err(|e| fail(format!("handshake: {e}")))?;
                    let [id, theirs] = [&hello[..8], &hello[8..]]
                        .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")));
                    let peer = id as usize;
                    if theirs != fingerprint
                        || peer <= me
                        || peer >= addresses.len()
                        || sockets[peer].is_some()
                    {
                        return Err(fail(format!(
                            "process {me} was contacted by an unexpected peer claiming to be process {peer} (check that every process got the same --workers, --processes and host file)"
                        )));
                    }
                    sockets[peer] = Some(stream);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    let missing = || {
                        let missing: Vec<String> = (me + 1..addresses.len())
                            .filter(|&p| sockets[p].is_none())
                            .map(|p| p.to_string())
                            .collect();
                        format!("process(es) {}", missing.join(", "))
                    };
                    if patience.exhausted() {
                        return Err(fail(format!(
                            "{} did not connect within {}",
                            missing(),
                            patience.limit()
                        )));
                    }
                    patience.note(|| format!("{} to connect", missing()));
                    patience
                        .await_dial(&listener)
                        .map_err(|e| fail(format!("waiting for a peer to dial: {e}")))?;
                }
                Err(e) => return Err(fail(format!("accepting a peer: {e}"))),
            }
        }
    }
    for stream in sockets.iter().flatten() {
        stream
            .set_nodelay(true)
            .map_err(|e| fail(format!("socket: {e}")))?;
    }
    Ok(sockets)
}

/// How long this process still waits for its peers, how it waits between tries, and the one
/// note on stderr saying whom it waits for once that takes longer than [`NOTE_AFTER`] (peers
/// started together meet within milliseconds, so a long silent wait would look like a hang).
struct Patience {
    started: Instant,
    timeout: Duration,
    noted: bool,
}

impl Patience {
    fn new(timeout: Duration) -> Patience {
        Patience {
            started: Instant::now(),
            timeout,
            noted: false,
        }
    }

    fn exhausted(&self) -> bool {
        self.started.elapsed() >= self.timeout
    }

    /// Sleeps before dialling a peer that is not listening yet again: a tenth of the time
    /// waited so far, from 0.1 ms to 50 ms. A peer that comes up is then reached at most about
    /// a tenth later than it could be: peers started together usually meet within a few
    /// milliseconds, and on a busy machine a doubling pause could add as much again to the
    /// start of every run. One that comes up much later is still dialled only 20 times a
    /// second.
    fn pause(&self) {
        let elapsed = self.started.elapsed();
        let pause = (elapsed / 10).clamp(MIN_PAUSE, MAX_PAUSE);
        std::thread::sleep(pause.min(self.timeout.saturating_sub(elapsed)));
    }

    /// Blocks until a peer dials `listener` (poll(2)), or at most until the note is due or the
    /// time is up: a peer that dials is accepted at once, not after a sleep.
    #[cfg(unix)]
    fn await_dial(&self, listener: &TcpListener) -> std::io::Result<()> {
        use std::os::fd::AsRawFd;
        let elapsed = self.started.elapsed();
        let until = match self.noted || elapsed >= NOTE_AFTER {
            true => self.timeout,
            false => NOTE_AFTER.min(self.timeout),
        };
        // Rounded up, so that a wait shorter than a millisecond does not spin.
        let millis = until.saturating_sub(elapsed).as_micros().div_ceil(1000);
        let mut fd = libc::pollfd {
            fd: listener.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid `pollfd` and a length of 1.
        let polled = unsafe { libc::poll(&mut fd, 1, millis.clamp(1, 1 << 30) as libc::c_int) };
        match polled {
            -1 => match std::io::Error::last_os_error() {
                e if e.kind() == std::io::ErrorKind::Interrupted => Ok(()),
                e => Err(e),
            },
            _ => Ok(()),
        }
    }

    /// Waits a while before asking `listener` for a peer again (no poll(2) here).
    #[cfg(not(unix))]
    fn await_dial(&self, _listener: &TcpListener) -> std::io::Result<()> {
        self.pause();
        Ok(())
    }

    /// The time limit, as error messages and the note state it.
    fn limit(&self) -> String {
        format!("{} s", self.timeout.as_secs_f64())
    }

    /// Says on stderr, once and only after a while, what this process is waiting for
    /// (`waiting_for`, say "process 1 to connect").
    fn note(&mut self, waiting_for: impl FnOnce() -> String) {
        if !self.noted && self.started.elapsed() >= NOTE_AFTER {
            self.noted = true;
            eprintln!(
                "note: waiting for {}, for up to {} in all (--connect-timeout)",
                waiting_for(),
                self.limit()
            );
        }
    }
}

/// A hash of what every process of one run must agree on: workers and addresses (FNV-1a).
fn fingerprint(cluster: &Cluster) -> u64 {
    let text = format!("{} {:?}", cluster.workers(), cluster.addresses());
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Any panic in a distributed run (a lost peer makes timely's receive thread panic) ends the
/// process at once with a clear message and exit code 2: the other threads would otherwise
/// wait forever for progress messages that will never come.
fn install_failure_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = info
                .payload()
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| info.payload().downcast_ref::<&str>().copied())
                .unwrap_or("unknown panic");
            let error = match message.contains("timely communication error") {
                true => Error::Distributed(format!(
                    "lost the connection to a peer process ({message}); no result"
                )),
                false => Error::Distributed(format!("a worker failed: {message}; no result")),
            };
            eprintln!("error: {error}");
            std::process::exit(crate::cli::EXIT_ERROR);
        }));
    });
}

/// The test-only delay of this process, from `SAKER_DIST_TEST_DELAY=PROCESS:MILLISECONDS`.
fn test_delay(process: usize) -> Option<Duration> {
    let value = std::env::var(DELAY_VAR).ok()?;
    let (p, ms) = value.split_once(':')?;
    (p.trim().parse::<usize>().ok()? == process)
        .then(|| ms.trim().parse::<u64>().ok().map(Duration::from_millis))
        .flatten()
}
