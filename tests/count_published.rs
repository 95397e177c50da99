//! Counts on the bundled real graphs against the published and peer-checked numbers of
//! `datasets/README.md`, read from its tables so the documentation and the test cannot drift.
//!
//! Release builds only: the larger graphs take seconds in a debug build.

use std::path::Path;

use saker::graph::LoadOptions;
use saker::{Graph, Pattern};

/// The header and rows of the markdown table headed `| file | <first_column> | …`.
fn table(readme: &str, first_column: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = readme.lines().skip_while(|l| {
        !(l.starts_with("| file |") && l.split('|').nth(2).map(str::trim) == Some(first_column))
    });
    let cells = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    let header = cells(lines.next().expect("table header"));
    let rows = lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(cells)
        .collect();
    (header, rows)
}

fn check_table(first_column: &str, pattern_of: impl Fn(&str) -> Option<&'static str>) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let (header, rows) = table(&readme, first_column);
    assert!(!rows.is_empty(), "no rows under `{first_column}`");
    let mut checked = 0;
    for row in rows {
        let file = &row[0];
        let graph = Graph::load(dir.join("unlabeled").join(file), &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        for (column, cell) in header.iter().zip(&row).skip(1) {
            let Some(name) = pattern_of(column) else {
                continue;
            };
            let expected: u64 = cell.parse().unwrap();
            let pattern = Pattern::parse(name).unwrap();
            let got = saker::count(&graph, &pattern).unwrap();
            assert_eq!(got, expected, "{file}: {column}");
            checked += 1;
        }
    }
    checked
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "release only: seconds per graph in debug builds"
)]
fn snap_counts_match_published_values() {
    let checked = check_table("vertices", |column| match column {
        "triangles" => Some("triangle"),
        "wedges" => Some("wedge"),
        "3-stars" => Some("3-star"),
        "4-cycles" => Some("4-cycle"),
        _ => None,
    });
    assert_eq!(checked, 15 * 4);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "release only: seconds per graph in debug builds"
)]
fn peer_counts_match() {
    let checked = check_table("triangle", |column| match column {
        "4-clique" => Some("clique:4"),
        "5-clique" => Some("clique:5"),
        _ => [
            "triangle",
            "4-cycle",
            "diamond",
            "tailed-triangle",
            "3-star",
            "4-path",
            "house",
            "5-cycle",
        ]
        .into_iter()
        .find(|&p| p == column),
    });
    assert_eq!(checked, 5 * 10);
}
