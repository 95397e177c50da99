//! Frequent subgraph mining on CiteSeer as shipped with Peregrine, with 2 threads: the
//! workloads of the Peregrine baseline (up to 3 or 4 edges, support 300 or 1000) and the
//! exact supports of every pattern up to 4 edges (support 1, the truth-file run).
//!
//! `cargo bench --bench fsm` (add a filter such as `edges:4` to run a part).

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use saker::apps::fsm::{fsm, FsmOptions};
use saker::graph::LoadOptions;
use saker::Graph;

fn citeseer() -> Graph {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/datasets/labeled/citeseer_peregrine"
    );
    let options = LoadOptions::default().labels(format!("{dir}/citeseer.labels"));
    Graph::load(format!("{dir}/citeseer.edges"), &options).unwrap_or_else(|e| panic!("{e}"))
}

fn bench(c: &mut Criterion) {
    // The CLI's `--threads 2`: one global pool, not one per call.
    rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build_global()
        .expect("the global pool starts once");
    let graph = citeseer();
    let mut group = c.benchmark_group("fsm/citeseer");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3));
    for (edges, support) in [(3, 300), (3, 1000), (4, 300), (4, 1)] {
        let options = FsmOptions::new(edges, support);
        group.bench_with_input(
            BenchmarkId::new(format!("edges:{edges}"), format!("support:{support}")),
            &options,
            |b, options| b.iter(|| fsm(&graph, options).unwrap()),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
