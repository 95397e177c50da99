//! `saker::cliques` and `saker cliques` against the brute-force oracle and published counts.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use saker::exec::naive;
use saker::graph::LoadOptions;
use saker::{Error, Graph};

#[test]
fn counts_equal_the_oracle_on_sparse_and_dense_graphs() {
    for seed in 0..40 {
        let p = [0.1, 0.3, 0.6, 0.9][seed as usize % 4];
        let graph = common::random_graph(8 + seed as usize % 7, p, seed);
        for k in 2..=5 {
            let pattern = saker::apps::cliques::clique_pattern(k).unwrap();
            let expected = naive::count(&graph, &pattern).unwrap();
            assert_eq!(
                saker::cliques(&graph, k).unwrap(),
                expected,
                "seed {seed}, k {k}"
            );
        }
    }
}

/// The number of `k`-vertex subsets of `graph` (at most 20 vertices) that are cliques, for
/// every `k`: a subset-by-subset oracle, independent of any matcher.
fn subset_clique_counts(graph: &Graph) -> Vec<u64> {
    let n = graph.num_vertices();
    assert!(n <= 20);
    let adjacent: Vec<u32> = (0..n as u32)
        .map(|v| graph.neighbors(v).iter().fold(0, |m, &u| m | 1 << u))
        .collect();
    let mut counts = vec![0u64; n + 1];
    for subset in 0u32..1 << n {
        let is_clique = (0..n)
            .filter(|&v| subset >> v & 1 == 1)
            .all(|v| subset & !(1 << v) & !adjacent[v] == 0);
        if is_clique {
            counts[subset.count_ones() as usize] += 1;
        }
    }
    counts
}

#[test]
fn every_size_from_three_to_eight_equals_the_subset_oracle() {
    for seed in 0..48 {
        let p = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95][seed as usize % 6];
        let graph = common::random_graph(12 + seed as usize % 7, p, 1_000 + seed);
        let expected = subset_clique_counts(&graph);
        for (k, &want) in expected.iter().enumerate().take(9).skip(3) {
            assert_eq!(
                saker::cliques(&graph, k).unwrap(),
                want,
                "seed {seed}, k {k}"
            );
        }
        // Every range counts each size as the single-size queries do.
        for (lo, hi) in [(2, 8), (3, 3), (4, 6), (5, 12), (2, 2)] {
            let got = saker::apps::cliques::clique_counts(&graph, lo..=hi).unwrap();
            let want: Vec<(usize, u128)> = (lo..=hi)
                .map(|k| (k, expected.get(k).copied().unwrap_or(0).into()))
                .collect();
            assert_eq!(got, want, "seed {seed}, sizes {lo}-{hi}");
        }
    }
}

#[test]
fn large_k_on_a_complete_graph_and_bad_k() {
    let n = 14u32;
    let complete = Graph::from_edges(
        n as usize,
        (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))),
    )
    .unwrap();
    let binomial = |k: u64| (0..k).fold(1u64, |c, i| c * (n as u64 - i) / (i + 1));
    for k in 2..=14 {
        assert_eq!(
            saker::cliques(&complete, k).unwrap(),
            binomial(k as u64),
            "k {k}"
        );
    }
    assert_eq!(saker::cliques(&complete, 15).unwrap(), 0);
    let all = saker::apps::cliques::clique_counts(&complete, 2..=32).unwrap();
    assert_eq!(all.len(), 31);
    assert!(all.iter().all(|&(k, c)| c == binomial(k as u64).into()));
    for k in [0, 1, 33] {
        assert!(matches!(
            saker::cliques(&complete, k),
            Err(Error::InvalidArgument(_))
        ));
    }
    #[allow(clippy::reversed_empty_ranges)]
    for sizes in [1..=4, 3..=33, 5..=4] {
        assert!(matches!(
            saker::apps::cliques::clique_counts(&complete, sizes),
            Err(Error::InvalidArgument(_))
        ));
    }
}

#[test]
fn published_counts() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/unlabeled/ca-GrQc.el");
    let graph = Graph::load(path, &LoadOptions::default()).unwrap();
    // SNAP / peers.md: 48,260 triangles, 329,297 4-cliques, 2,215,500 5-cliques.
    assert_eq!(saker::cliques(&graph, 3).unwrap(), 48_260);
    assert_eq!(saker::cliques(&graph, 4).unwrap(), 329_297);
    assert_eq!(saker::cliques(&graph, 5).unwrap(), 2_215_500);
    assert_eq!(
        saker::apps::cliques::clique_counts(&graph, 3..=5).unwrap(),
        [(3, 48_260), (4, 329_297), (5, 2_215_500)]
    );
    // Above u64: ca-HepPh's clique of ~240 vertices alone holds about C(239, 12) ≈ 5·10¹⁹
    // 12-cliques.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/datasets/unlabeled/ca-HepPh.el"
    );
    let graph = Graph::load(path, &LoadOptions::default()).unwrap();
    let counts = saker::apps::cliques::clique_counts(&graph, 5..=12).unwrap();
    assert_eq!(counts[0], (5, 6_491_049_885));
    assert!(counts[7].1 > u128::from(u64::MAX));
}

/// A graph holding a 40-vertex clique: its 20-cliques alone (C(40, 20) ≈ 1.4·10¹¹) are far too
/// many to enumerate, so this only passes when pivoting tallies them.
#[test]
fn a_large_clique_is_counted_without_enumeration() {
    let n = 40u32;
    let mut edges: Vec<(u32, u32)> = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect();
    // A pendant path and a second triangle, so the graph is not just the clique.
    edges.extend([(39, 40), (40, 41), (41, 42), (42, 40)]);
    let graph = Graph::from_edges(43, edges).unwrap();
    let binomial = |k: u64| (0..k).fold(1u64, |c, i| c * (n as u64 - i) / (i + 1));
    let counts = saker::apps::cliques::clique_counts(&graph, 3..=20).unwrap();
    for (k, count) in counts {
        let extra = u64::from(k == 3);
        assert_eq!(count, (binomial(k as u64) + extra).into(), "k {k}");
    }
    // K70's C(70, 32) ≈ 10²⁰ 32-cliques pass u64 but not u128; C(250, 32) ≈ 3·10⁴⁰ passes both.
    let complete = |n: u32| {
        Graph::from_edges(
            n as usize,
            (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))),
        )
        .unwrap()
    };
    let k70 = saker::apps::cliques::clique_counts(&complete(70), 32..=32).unwrap();
    let c70_32 = (0..32u128).fold(1u128, |c, i| c * (70 - i) / (i + 1));
    assert_eq!(k70, [(32, c70_32)]);
    assert!(c70_32 > u128::from(u64::MAX));
    assert!(matches!(
        saker::apps::cliques::clique_counts(&complete(250), 30..=32),
        Err(Error::Overflow(_))
    ));
}

fn saker(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_saker"))
        .args(args)
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap(),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn cli_counts_and_lists() {
    let karate = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/datasets/unlabeled/small/karate.el"
    );
    let (code, csv, _) = saker(&["cliques", karate, "-k", "4", "--format", "csv"]);
    assert_eq!((code, csv.as_str()), (0, "k,count\n4,11\n"));

    // The listed cliques, as sets of original ids, are exactly the oracle's.
    let (code, listed, _) = saker(&["cliques", karate, "-k", "4", "--list", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = listed.lines();
    assert_eq!(lines.next(), Some("v0,v1,v2,v3"));
    let got: BTreeSet<BTreeSet<u64>> = lines
        .map(|l| l.split(',').map(|x| x.parse().unwrap()).collect())
        .collect();
    let graph = Graph::load(karate, &LoadOptions::default()).unwrap();
    let pattern = saker::apps::cliques::clique_pattern(4).unwrap();
    let expected: BTreeSet<BTreeSet<u64>> = naive::list(&graph, &pattern)
        .unwrap()
        .into_iter()
        .map(|m| m.into_iter().map(|v| graph.original_id(v)).collect())
        .collect();
    assert_eq!(got, expected);
    assert_eq!(got.len(), 11);

    let (code, _, err) = saker(&["cliques", karate, "-k", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("clique size 1"), "{err}");

    // A range: karate has 45 triangles, 11 4-cliques, 2 5-cliques and no 6-clique.
    let (code, csv, _) = saker(&["cliques", karate, "-k", "2-6", "--format", "csv"]);
    assert_eq!(
        (code, csv.as_str()),
        (0, "k,count\n2,78\n3,45\n4,11\n5,2\n6,0\n")
    );
    for bad in ["4-3", "x", "3-", "2-40"] {
        let (code, _, err) = saker(&["cliques", karate, "-k", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
    }
    let (code, _, err) = saker(&["cliques", karate, "-k", "3-4", "--list"]);
    assert_eq!(code, 2);
    assert!(err.contains("--list"), "{err}");
}
