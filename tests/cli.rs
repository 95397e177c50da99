//! The `saker` binary end to end: output of each foundation subcommand in every format, and a
//! clear message with exit code 2 for each class of bad input.

use std::process::{Command, Output};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets");

fn saker(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_saker"))
        .args(args)
        .output()
        .expect("the saker binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = saker(args);
    assert!(
        out.status.success(),
        "saker {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail with exit code 2 and returns its stderr.
fn failure(args: &[&str]) -> String {
    let out = saker(args);
    assert_eq!(out.status.code(), Some(2), "saker {args:?} should fail");
    assert!(out.stdout.is_empty(), "no output on failure");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout(&all)).unwrap()
}

#[test]
fn info_reports_sizes_degrees_and_labels() {
    let karate = format!("{DATA}/unlabeled/small/karate.el");
    let v = json(&["info", &karate]);
    assert_eq!(
        (v["vertices"].as_u64(), v["edges"].as_u64()),
        (Some(34), Some(78))
    );
    assert_eq!(v["max degree"], 17);
    let cs = format!("{DATA}/labeled/citeseer_peregrine");
    let labels = format!("{cs}/citeseer.labels");
    let v = json(&["info", &format!("{cs}/citeseer.edges"), "--labels", &labels]);
    assert_eq!(v["labels"], 6);
    let per_label: u64 = (0..6)
        .map(|l| v[format!("label {l}")].as_u64().unwrap())
        .sum();
    assert_eq!(per_label, 3264);
    let table = stdout(&["info", &karate]);
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().eq(["edges", "78"])),
        "{table}"
    );
}

#[test]
fn convert_round_trips_through_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("grqc.sakg");
    let el = format!("{DATA}/unlabeled/ca-GrQc.el");
    let cache = cache.to_str().unwrap();
    let converted = json(&["convert", &el, cache]);
    assert_eq!(converted["edges"], 14484);
    let (text, binary) = (json(&["info", &el]), json(&["info", cache]));
    for key in ["vertices", "edges", "max degree", "min degree"] {
        assert_eq!(text[key], binary[key], "{key}");
    }
    // An explicit format overrides detection.
    let copy = dir.path().join("grqc.bin");
    std::fs::copy(cache, &copy).unwrap();
    let v = json(&["info", copy.to_str().unwrap(), "--input-format", "sakg"]);
    assert_eq!(v["edges"], 14484);
}

#[test]
fn pattern_describes_symmetry() {
    let v = json(&["pattern", "house"]);
    assert_eq!(
        (v["vertices"].as_u64(), v["edges"].as_u64()),
        (Some(5), Some(6))
    );
    assert_eq!(v["automorphisms"], 2);
    let v = json(&["pattern", "clique:5"]);
    assert_eq!(v["automorphisms"], 120);
    assert_eq!(v["vertex orbits"], "0:0 1:0 2:0 3:0 4:0");
    let v = json(&["pattern", "--induced", "0-1-2"]);
    assert_eq!(v["semantics"], "vertex-induced");
    assert_eq!(v["pattern"], "induced: 0-1 1-2");
    // Isomorphic spellings share the canonical form.
    let a = json(&["pattern", "0-1-2-3-0"]);
    let b = json(&["pattern", "4-cycle"]);
    assert_eq!(a["canonical form"], b["canonical form"]);
}

#[test]
fn patterns_lists_every_connected_graph() {
    for (k, expected) in [(3, 2), (4, 6), (5, 21), (6, 112)] {
        let csv = stdout(&["--format", "csv", "patterns", "-k", &k.to_string()]);
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("index,pattern,edges,automorphisms,canonical form")
        );
        assert_eq!(lines.count(), expected, "k = {k}");
    }
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let malformed = write("bad.el", b"# header\n1 2\n2 x\n");
    let err = failure(&["info", &malformed]);
    assert!(err.contains("bad.el:3") && err.contains("`2 x`"), "{err}");

    let huge = write("huge.el", b"1 99999999999999999999999\n");
    let err = failure(&["info", &huge]);
    assert!(err.contains("huge.el:1"), "{err}");

    let empty = write("empty.el", b"");
    assert!(failure(&["info", &empty]).contains("empty.el"));

    let err = failure(&["info", "/nonexistent/graph.el"]);
    assert!(err.contains("/nonexistent/graph.el"), "{err}");

    let unknown = write("graph.xyz", b"1 2\n");
    assert!(failure(&["info", &unknown]).contains("extension"));
    assert!(failure(&["info", &malformed, "--input-format", "nope"]).contains("nope"));

    // A cache with one flipped byte is detected.
    let cache = dir.path().join("k.sakg");
    let karate = format!("{DATA}/unlabeled/small/karate.el");
    stdout(&["convert", &karate, cache.to_str().unwrap()]);
    let mut bytes = std::fs::read(&cache).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x10;
    let broken = write("broken.sakg", &bytes);
    assert!(failure(&["info", &broken]).contains("broken.sakg"));
    let truncated = write("short.sakg", &bytes[..bytes.len() / 2]);
    assert!(failure(&["info", &truncated]).contains("short.sakg"));

    let err = failure(&["pattern", "0-1 1-1"]);
    assert!(err.contains("column 6"), "{err}");
    assert!(failure(&["pattern", "no-such-pattern"]).contains("no-such-pattern"));
    assert!(failure(&["pattern", "clique:40"]).contains("32"));
    assert!(failure(&["patterns", "-k", "12"]).contains("-k"));
    assert!(failure(&["--threads", "0", "patterns", "-k", "3"]).contains("threads"));
}

#[test]
fn count_prints_one_row_per_pattern_in_order() {
    let karate = format!("{DATA}/unlabeled/small/karate.el");
    let csv = stdout(&[
        "--format", "csv", "count", &karate, "4-cycle", "triangle", "0-1-2-0", "star:4",
    ]);
    assert_eq!(
        csv,
        "pattern,count\n4-cycle,154\ntriangle,45\n0-1-2-0,45\nstar:4,1764\n"
    );
    // `--induced` applies to every pattern: induced wedges are wedges minus 3 per triangle.
    let v = json(&["count", &karate, "wedge", "--induced"]);
    assert_eq!(v[0]["count"], 528 - 3 * 45);
    assert_eq!(v[0]["semantics"], "vertex-induced");
    let table = stdout(&["--threads", "1", "count", &karate, "triangle"]);
    assert!(table.contains("edge-induced"), "{table}");
    assert!(failure(&["count", &karate, "0-1 1-1"]).contains("column 6"));
}

#[test]
fn plan_explains_itself() {
    let text = stdout(&["plan", "bowtie"]);
    assert!(
        text.contains("strategy") && text.contains("order"),
        "{text}"
    );
    let text = stdout(&["plan", "house"]);
    assert!(text.contains("house edge 4-cycle"), "{text}");
    let karate = format!("{DATA}/unlabeled/small/karate.el");
    let v = json(&["plan", "clique:4", "--graph", &karate]);
    assert_eq!(v["strategy"], "clique");
    let v = json(&["plan", "4-path"]);
    assert_eq!(v["restrictions"].as_str().unwrap().split(' ').count(), 1);
}

#[test]
fn expressiveness_reports_pairs_distinguished() {
    let csl = format!("{DATA}/expressiveness/csl");
    let csv = stdout(&[
        "--format",
        "csv",
        "expressiveness",
        "csl",
        &csl,
        "--method",
        "1-wl",
        "--method",
        "2-fwl",
    ]);
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        ["method", "category", "pairs", "distinguished", "seconds"]
    );
    // 1-WL cannot separate any two CSL classes (all graphs are 4-regular); 2-FWL separates all.
    assert_eq!(rows[1][..4], ["1-wl", "CSL", "45", "0"]);
    assert_eq!(rows[2][..4], ["2-fwl", "CSL", "45", "45"]);
    // Homomorphism-count vectors: every graph of one CSL class has the same counts, so a
    // class pair is separated exactly when the vectors differ; cycle counts separate some.
    let v = json(&[
        "expressiveness",
        "csl",
        &csl,
        "--method",
        "hom:cycle:4,cycle:5,cycle:6",
    ]);
    let separated = v[0]["distinguished"].as_u64().unwrap();
    assert!((1..=45).contains(&separated), "{v}");
    assert!(failure(&["expressiveness", "nope"]).contains("nope"));
    assert!(failure(&["expressiveness", "csl", &csl, "--method", "9-wl"]).contains("9-wl"));
}

#[test]
fn orbits_follow_input_ids_in_csv_and_npy() {
    let karate = format!("{DATA}/unlabeled/small/karate.el");
    let csv = stdout(&["orbits", &karate, "-k", "4"]);
    let rows: Vec<Vec<u64>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(|x| x.parse().unwrap()).collect())
        .collect();
    assert!(csv.starts_with("vertex,o0,o1,"));
    assert_eq!(rows.len(), 34);
    assert!(rows.iter().all(|r| r.len() == 16));
    // Rows in ascending input id; orbit 0 is the degree (karate's vertex 1 has 16 neighbours,
    // vertex 34 has 17); orbit 3 counts triangles, three per triangle in total.
    assert_eq!(
        rows.iter().map(|r| r[0]).collect::<Vec<_>>(),
        (1..=34).collect::<Vec<_>>()
    );
    assert_eq!((rows[0][1], rows[33][1]), (16, 17));
    assert_eq!(rows.iter().map(|r| r[4]).sum::<u64>(), 3 * 45);

    let dir = tempfile::tempdir().unwrap();
    let npy = dir.path().join("x.npy");
    let out = saker(&["orbits", &karate, "--edges", "-o", npy.to_str().unwrap()]);
    assert!(out.status.success());
    let bytes = std::fs::read(&npy).unwrap();
    let header = String::from_utf8_lossy(&bytes[..128]);
    assert!(
        header.contains("'shape': (78, 68)") && header.contains("<u8"),
        "{header}"
    );
    assert!(failure(&["orbits", &karate, "-k", "6"]).contains("k = 6"));
}

#[test]
fn homomorphism_paths_agree_with_exploration() {
    let karate = format!("{DATA}/unlabeled/small/karate.el");
    let patterns = [
        "triangle", "4-cycle", "cycle:5", "cycle:6", "path:5", "house",
    ];
    let mut explore = vec!["--format", "csv", "count", &karate];
    explore.extend(patterns);
    let mut via_hom = explore.clone();
    via_hom.extend(["--via", "hom"]);
    assert_eq!(stdout(&explore), stdout(&via_hom));
    // Homomorphisms of a triangle: 6 per triangle.
    let v = json(&["hom", &karate, "triangle"]);
    assert_eq!(v[0]["homomorphisms"], 6 * 45);
}

#[test]
fn wl_dimension_known_cases() {
    for (pattern, dimension) in [
        ("triangle", 2),
        ("4-cycle", 2),
        ("cycle:7", 2),
        ("cycle:8", 3),
        ("clique:5", 4),
        ("star:4", 1),
    ] {
        let v = json(&["wl-dimension", pattern]);
        assert_eq!(v["WL-dimension"], dimension, "{pattern}");
        let by_1wl = if dimension <= 1 { "yes" } else { "no" };
        assert_eq!(v["1-WL counts it"], by_1wl, "{pattern}");
    }
    assert!(failure(&["wl-dimension", "0:1-1:2"]).contains("label"));
}

#[test]
fn time_flag_reports_setup_loading_and_compute_on_stderr_only() {
    let graph = format!("{DATA}/unlabeled/ca-GrQc.el");
    let plain = saker(&["--format", "csv", "count", &graph, "triangle"]);
    let timed = saker(&["--time", "--format", "csv", "count", &graph, "triangle"]);
    assert!(timed.status.success());
    assert_eq!(timed.stdout, plain.stdout, "--time leaves stdout unchanged");
    let err = String::from_utf8(timed.stderr).unwrap();
    let line = err
        .lines()
        .find(|l| l.starts_with("time: "))
        .unwrap_or_else(|| panic!("no time line in {err:?}"));
    let seconds: Vec<f64> = line
        .split(' ')
        .filter_map(|word| word.trim_end_matches(',').parse().ok())
        .collect();
    assert!(line.starts_with("time: setup "), "{line}");
    assert_eq!(seconds.len(), 3, "{line}");
    assert!(seconds.iter().all(|&s| s > 0.0), "{line}");
}
