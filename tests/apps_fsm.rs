//! `saker::fsm` against Peregrine's CiteSeer supports and a brute-force MNI computation.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use saker::apps::fsm::{fsm, FsmOptions};
use saker::exec::naive;
use saker::graph::{LoadOptions, NO_LABEL};
use saker::pattern::CanonicalForm;
use saker::{Error, Graph, Label, Pattern, Semantics};

const CITESEER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/datasets/labeled/citeseer_peregrine"
);

fn citeseer() -> Graph {
    let options = LoadOptions::default().labels(format!("{CITESEER}/citeseer.labels"));
    Graph::load(format!("{CITESEER}/citeseer.edges"), &options).unwrap()
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "release only: under a second in release, slow in debug"
)]
fn citeseer_supports_equal_peregrines() {
    let truth = std::fs::read_to_string(format!("{CITESEER}/truth/cs-supports.txt")).unwrap();
    let mut expected = HashMap::new();
    for line in truth.lines().filter(|l| !l.trim().is_empty()) {
        let (pattern, support) = line.rsplit_once(' ').unwrap();
        let pattern = Pattern::parse(pattern).unwrap();
        let old = expected.insert(pattern.canonical_form(), support.parse::<u64>().unwrap());
        assert!(old.is_none(), "duplicate truth line {line}");
    }
    assert_eq!(expected.len(), 5_344);
    let found = fsm(&citeseer(), &FsmOptions::new(4, 1)).unwrap();
    // Peregrine's file starts at two edges; single labelled edges are checked by the oracle test.
    let mut by_size = [0usize; 5];
    let mut got = HashMap::new();
    for f in &found {
        by_size[f.pattern.num_edges()] += 1;
        if f.pattern.num_edges() >= 2 {
            assert!(got.insert(f.pattern.canonical_form(), f.support).is_none());
        }
    }
    assert_eq!(by_size[2..], [124, 776, 4_444]);
    assert_eq!(got, expected);
}

/// MNI support from every embedding the oracle lists.
fn brute_force_support(graph: &Graph, pattern: &Pattern) -> u64 {
    let k = pattern.num_vertices();
    let mut domains = vec![BTreeSet::new(); k];
    naive::for_each_embedding(graph, pattern, |m: &[u32]| {
        for (v, &x) in m.iter().enumerate() {
            domains[v].insert(x);
        }
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    domains.iter().map(BTreeSet::len).min().unwrap_or(0) as u64
}

/// Every connected labelled pattern of 1 to `max_edges` edges with at least one match: the
/// images of the graph's connected sets of edges between labelled vertices.
fn patterns_present(graph: &Graph, max_edges: usize) -> HashMap<CanonicalForm, Pattern> {
    let labels = graph.labels().unwrap();
    let labelled = |v: u32| labels[v as usize] != NO_LABEL;
    let edges: Vec<(u32, u32)> = graph
        .edges()
        .filter(|&(u, v)| labelled(u) && labelled(v))
        .collect();
    let mut present = HashMap::new();
    let mut seen = BTreeSet::new();
    let mut sets: Vec<Vec<usize>> = (0..edges.len()).map(|i| vec![i]).collect();
    for size in 1..=max_edges {
        let mut grown = Vec::new();
        for set in &sets {
            let mut vertices: Vec<u32> =
                set.iter().flat_map(|&i| [edges[i].0, edges[i].1]).collect();
            vertices.sort_unstable();
            vertices.dedup();
            let at = |x: u32| vertices.binary_search(&x).unwrap();
            let pattern_edges: Vec<(usize, usize)> = set
                .iter()
                .map(|&i| (at(edges[i].0), at(edges[i].1)))
                .collect();
            let mut pattern = Pattern::from_edges(vertices.len(), &pattern_edges).unwrap();
            for (v, &x) in vertices.iter().enumerate() {
                pattern.set_label(v, Label::Is(labels[x as usize])).unwrap();
            }
            present.entry(pattern.canonical_form()).or_insert(pattern);
            if size == max_edges {
                continue;
            }
            for (j, &(a, b)) in edges.iter().enumerate() {
                if !set.contains(&j) && (vertices.contains(&a) || vertices.contains(&b)) {
                    let mut bigger = set.clone();
                    bigger.push(j);
                    bigger.sort_unstable();
                    if seen.insert(bigger.clone()) {
                        grown.push(bigger);
                    }
                }
            }
        }
        sets = grown;
    }
    present
}

/// The connected patterns left after removing one edge of `pattern` (and a vertex it leaves
/// isolated): the patterns it grows from.
fn one_edge_smaller(pattern: &Pattern) -> Vec<CanonicalForm> {
    let edges = pattern.edges();
    let mut out = Vec::new();
    for skip in 0..edges.len() {
        let rest: Vec<(usize, usize)> = (0..edges.len())
            .filter(|&i| i != skip)
            .map(|i| edges[i])
            .collect();
        let mut kept: Vec<usize> = rest.iter().flat_map(|&(a, b)| [a, b]).collect();
        kept.sort_unstable();
        kept.dedup();
        let at = |v: usize| kept.binary_search(&v).unwrap();
        let renamed: Vec<(usize, usize)> = rest.iter().map(|&(a, b)| (at(a), at(b))).collect();
        let mut smaller = Pattern::from_edges(kept.len(), &renamed).unwrap();
        for (v, &old) in kept.iter().enumerate() {
            smaller.set_label(v, pattern.label(old)).unwrap();
        }
        if smaller.is_connected() {
            out.push(smaller.canonical_form());
        }
    }
    out
}

/// A random labelled graph; every third one has a vertex without a label.
fn random_graph(seed: u64) -> Graph {
    let graph = common::random_labelled_graph(10 + seed as usize % 6, 0.3, 3, seed);
    if seed % 3 != 0 {
        return graph;
    }
    let mut labels = graph.labels().unwrap().to_vec();
    labels[0] = NO_LABEL;
    graph.with_labels(labels).unwrap()
}

fn mined(graph: &Graph, options: &FsmOptions) -> HashMap<CanonicalForm, u64> {
    let found = fsm(graph, options).unwrap();
    let by_form: HashMap<_, _> = found
        .iter()
        .map(|f| (f.pattern.canonical_form(), f.support))
        .collect();
    assert_eq!(by_form.len(), found.len(), "a pattern reported twice");
    by_form
}

#[test]
fn supports_equal_brute_force_on_random_labelled_graphs() {
    for seed in 0..24 {
        let graph = random_graph(seed);
        let max_edges = if seed % 4 == 0 { 4 } else { 3 };
        // Edge-induced MNI is anti-monotone, so the miner must find every pattern the brute
        // force finds frequent, with its exact support, and nothing else.
        let exact: HashMap<CanonicalForm, u64> = patterns_present(&graph, max_edges)
            .into_iter()
            .map(|(form, pattern)| (form, brute_force_support(&graph, &pattern)))
            .collect();
        for support in [1, 2, 3] {
            let expected: HashMap<_, _> = exact
                .iter()
                .filter(|&(_, &s)| s >= support)
                .map(|(f, &s)| (f.clone(), s))
                .collect();
            let options = FsmOptions::new(max_edges, support);
            assert_eq!(
                mined(&graph, &options),
                expected,
                "seed {seed}, support {support}"
            );
            // Lower bounds: the same patterns, each at least the threshold and at most exact.
            let bounds = mined(
                &graph,
                &FsmOptions {
                    lower_bounds: true,
                    ..options
                },
            );
            assert_eq!(bounds.len(), expected.len(), "seed {seed}");
            for (form, bound) in bounds {
                assert!(bound >= support && bound <= expected[&form], "seed {seed}");
            }
        }
    }
}

#[test]
fn vertex_induced_supports_equal_brute_force() {
    for seed in 0..16 {
        let graph = random_graph(seed);
        let present = patterns_present(&graph, 3);
        let support = 1 + seed % 2;
        // Vertex-induced MNI is not anti-monotone: the miner reports the patterns with enough
        // support that grow, one edge at a time, from reported ones.
        let mut expected: HashMap<CanonicalForm, u64> = HashMap::new();
        for edges in 1..=3 {
            for (form, pattern) in present.iter().filter(|(_, p)| p.num_edges() == edges) {
                let grows = edges == 1
                    || one_edge_smaller(pattern)
                        .iter()
                        .any(|smaller| expected.contains_key(smaller));
                let induced = pattern.clone().with_semantics(Semantics::VertexInduced);
                let s = brute_force_support(&graph, &induced);
                if grows && s >= support {
                    expected.insert(form.clone(), s);
                }
            }
        }
        let mut options = FsmOptions::new(3, support);
        options.semantics = Semantics::VertexInduced;
        assert_eq!(mined(&graph, &options), expected, "seed {seed}");
    }
}

#[test]
fn bad_arguments_are_errors() {
    let graph = citeseer();
    assert!(matches!(
        fsm(&graph, &FsmOptions::new(0, 5)),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        fsm(&graph, &FsmOptions::new(2, 0)),
        Err(Error::InvalidArgument(_))
    ));
    let unlabelled = Graph::from_edges(3, [(0, 1), (1, 2)]).unwrap();
    let err = fsm(&unlabelled, &FsmOptions::new(2, 1)).unwrap_err();
    assert!(err.to_string().contains("labels"), "{err}");
}

#[test]
fn cli_csv() {
    let out = Command::new(env!("CARGO_BIN_EXE_saker"))
        .args([
            "fsm",
            &format!("{CITESEER}/citeseer.edges"),
            "--labels",
            &format!("{CITESEER}/citeseer.labels"),
            "--edges",
            "3",
            "--support",
            "300",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("pattern,support"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 9, "{text}");
    for row in rows {
        let (pattern, support) = row.rsplit_once(',').unwrap();
        assert!(Pattern::parse(pattern).is_ok(), "{pattern}");
        assert!(support.parse::<u64>().unwrap() >= 300);
    }
}
