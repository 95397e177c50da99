//! Motif census (`saker::motifs`, vertex-induced, k = 3, 4, 5) on two SNAP graphs with 2
//! threads, the setting of the motif rows in `../shared/baselines/peregrine.md`.
//!
//! `cargo bench --bench motifs` (add a filter such as `k5` to run a part). The orbit solvers
//! behind k = 5 are built once before the timings, as in a long-running caller.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use saker::{motifs, Graph, Semantics};

/// A bundled graph, loaded as users load it.
fn read_edge_list(path: &str) -> Graph {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    Graph::load(&path, &saker::graph::LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn bench(c: &mut Criterion) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("thread pool");
    let graphs = [
        ("ca-GrQc", read_edge_list("datasets/unlabeled/ca-GrQc.el")),
        (
            "email-Eu-core",
            read_edge_list("datasets/unlabeled/email-Eu-core.el"),
        ),
    ];
    let warm = Graph::from_edges(3, [(0, 1), (1, 2)]).expect("path");
    pool.install(|| motifs(&warm, 5, Semantics::VertexInduced))
        .expect("motifs");
    let mut group = c.benchmark_group("motifs");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for k in 3..=5 {
        for (name, graph) in &graphs {
            group.bench_with_input(BenchmarkId::new(format!("k{k}"), name), graph, |b, g| {
                b.iter(|| pool.install(|| motifs(g, k, Semantics::VertexInduced).expect("motifs")))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
