//! With one engine thread (`--threads 1`), a thread that calls `compute_on_this_thread` runs
//! the engines' parallel loops itself; any other thread hands them to the global pool, and a
//! thread of a larger pool stays in it. A test binary of its own, with one test, because it
//! sets the global pool to one thread.

use std::thread::{self, ThreadId};

use rayon::prelude::*;
use saker::exec::compute_on_this_thread;

/// The threads that ran the items of a parallel loop started on the calling thread.
fn loop_threads() -> Vec<ThreadId> {
    (0..10_000)
        .into_par_iter()
        .with_min_len(1)
        .map(|_| thread::current().id())
        .collect()
}

#[test]
fn with_one_engine_thread_the_calling_thread_computes() {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("the global pool is built once, here");
    // Every thread that asks computes its own loops (the main thread, each distributed
    // worker), and asking twice changes nothing.
    for _ in 0..2 {
        thread::spawn(|| {
            let me = thread::current().id();
            compute_on_this_thread();
            compute_on_this_thread();
            assert!(loop_threads().iter().all(|&t| t == me));
            assert_eq!(rayon::current_num_threads(), 1);
        })
        .join()
        .expect("the loops ran here");
    }
    // A thread that does not ask hands its loops to the pool's one thread.
    thread::spawn(|| {
        let me = thread::current().id();
        let seen = loop_threads();
        assert!(seen.iter().all(|&t| t != me));
        assert!(seen.windows(2).all(|w| w[0] == w[1]));
    })
    .join()
    .expect("the loops ran on the pool");
    // A thread of a larger pool stays in it.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a local pool");
    pool.install(|| {
        compute_on_this_thread();
        assert_eq!(rayon::current_num_threads(), 2);
    });
}
