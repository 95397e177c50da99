//! The exchange rounds of a distributed run, driven directly (one process, three timely
//! workers): every worker's part arrives in its place round after round, and a worker that
//! leaves its job without sending its part ends the round with an error instead of a hang.
//!
//! A round ends as soon as every worker's part is in; it falls back to timely's progress
//! tracking only for a worker that never sends, which these tests cover both ways. They run in
//! a test binary of their own because a distributed runtime installs a process-wide panic hook.

use saker::dist::run::Runtime;
use saker::dist::Cluster;
use saker::error::Error;

const WORKERS: usize = 3;

fn runtime() -> Runtime {
    let cluster = Cluster::new(WORKERS, 1, 0, None).expect("a valid cluster");
    Runtime::start(cluster).expect("workers start")
}

#[test]
fn every_round_delivers_every_workers_part_in_order() {
    let rounds = 6u64;
    let finished = runtime()
        .run(move |ctx| {
            let me = ctx.index() as u64;
            let mut seen = Vec::new();
            for round in 0..rounds {
                // Parts of different sizes, so a part from another round would not pass.
                let mine = vec![me * 100 + round; (me + round) as usize % 4 + 1];
                seen.push(ctx.all_gather("numbers", Ok(mine))?);
            }
            let last = ctx.gather("sums", Ok(seen.iter().flatten().flatten().sum::<u64>()))?;
            Ok((seen, last))
        })
        .expect("the run succeeds")
        .expect("the only process leads");
    let (seen, last) = finished.value;
    let expected: Vec<Vec<Vec<u64>>> = (0..rounds)
        .map(|round| {
            (0..WORKERS as u64)
                .map(|w| vec![w * 100 + round; (w + round) as usize % 4 + 1])
                .collect()
        })
        .collect();
    assert_eq!(seen, expected);
    // Every worker saw the same rounds, so each sent the same sum.
    let sum: u64 = expected.iter().flatten().flatten().sum();
    assert_eq!(last, Some(vec![sum; WORKERS]));
    // The start round, the all-gathers and the gather.
    assert_eq!(finished.rounds.len(), rounds as usize + 2);
    assert!(finished.rounds[0].what.starts_with("start"));
}

#[test]
fn a_worker_that_leaves_without_its_part_ends_the_round_with_an_error() {
    let outcome = runtime().run(|ctx| {
        if ctx.index() == 1 {
            return Err(Error::InvalidArgument("left before the round".into()));
        }
        ctx.gather("parts", Ok(ctx.index() as u64))
    });
    let Err(error) = outcome else {
        panic!("a round short of a part must fail");
    };
    let message = error.to_string();
    assert!(
        message.contains(&format!("got parts from 2 of {WORKERS} workers")),
        "{message}"
    );
}
