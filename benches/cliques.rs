//! Criterion benchmarks of clique counting on the bundled SNAP graphs, 2 threads: one size at
//! a time (the peers' clique rows of `../shared/baselines/peers.md`) and a whole range of sizes
//! in one pivoting pass.
//!
//! `cargo bench --bench cliques [-- FILTER]`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use saker::apps::cliques::clique_counts;
use saker::graph::LoadOptions;
use saker::Graph;

const GRAPHS: &[&str] = &[
    "ca-GrQc",
    "email-Eu-core",
    "wiki-Vote",
    "facebook_combined",
    "ca-HepPh",
];

fn load(name: &str) -> Graph {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("datasets/unlabeled")
        .join(format!("{name}.el"));
    Graph::load(&path, &LoadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn cliques(c: &mut Criterion) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool of 2 threads");
    for &name in GRAPHS {
        let graph = load(name);
        let mut group = c.benchmark_group(format!("cliques/{name}"));
        for k in 3..=5 {
            group.bench_function(format!("k={k}"), |b| {
                b.iter(|| pool.install(|| black_box(saker::cliques(&graph, k).unwrap())))
            });
        }
        group.bench_function("k=3..=6", |b| {
            b.iter(|| pool.install(|| black_box(clique_counts(&graph, 3..=6).unwrap())))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = cliques
}
criterion_main!(benches);
