//! Cooperative interruption of long runs: Ctrl-C and time limits.
//!
//! The flag is process-wide because its sources are: a signal handler (the CLI installs one for
//! Ctrl-C) or a timer thread started by [`set_timeout`]. Engines poll [`requested`] once per
//! task (a start vertex, a chunk of a hub's neighbours), which is one relaxed atomic load, and
//! stop early when it is set; whoever runs the engine then calls [`check`], which turns the stop
//! into [`Error::Interrupted`] or [`Error::TimedOut`] so that a partial result is never mistaken
//! for a final one.

use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::time::Duration;

use crate::error::{Error, Result};

const RUNNING: u8 = 0;
const INTERRUPTED: u8 = 1;
const TIMED_OUT: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(RUNNING);

/// Bumped by [`reset`], so a timer set before it cannot stop a later run.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Asks every running engine to stop (what Ctrl-C does). Safe to call from any thread.
pub fn interrupt() {
    let _ = STATE.compare_exchange(RUNNING, INTERRUPTED, Ordering::Relaxed, Ordering::Relaxed);
}

/// Stops every running engine once `limit` has passed from now (a detached timer thread sets
/// the flag, so polling stays one atomic load).
pub fn set_timeout(limit: Duration) {
    let generation = GENERATION.load(Ordering::SeqCst);
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        if GENERATION.load(Ordering::SeqCst) == generation {
            let _ =
                STATE.compare_exchange(RUNNING, TIMED_OUT, Ordering::Relaxed, Ordering::Relaxed);
        }
    });
}

/// Clears a stop request and cancels pending time limits, so that later runs proceed.
///
/// For long-lived hosts (the Python module) that stop one call on Ctrl-C and then go on
/// serving calls; call it only once the stopped engines have returned. The CLI never needs it:
/// a stop ends its process.
pub fn reset() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
    STATE.store(RUNNING, Ordering::SeqCst);
}

/// Whether engines should stop now.
#[inline]
pub fn requested() -> bool {
    STATE.load(Ordering::Relaxed) != RUNNING
}

/// `Ok(())` unless a stop was requested; then the error saying why `what` did not finish.
///
/// # Errors
/// [`Error::Interrupted`] after [`interrupt`], [`Error::TimedOut`] after the time limit.
pub fn check(what: &str) -> Result<()> {
    match STATE.load(Ordering::Relaxed) {
        RUNNING => Ok(()),
        INTERRUPTED => Err(Error::Interrupted(what.to_string())),
        _ => Err(Error::TimedOut(what.to_string())),
    }
}
