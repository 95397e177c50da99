//! GPU against CPU counting times (issue 8's table): triangles, 4- and 5-cliques, 4- and
//! 5-motifs (every connected vertex-induced pattern) on R-MAT graphs and the largest bundled
//! graphs. Kernel time excludes graph load, upload and NVRTC compile (reported apart); the CPU
//! runs on all cores, on its best path (for motifs the motif app, which derives all patterns
//! from orbit counts, not one exploration per pattern). Triangles also report the
//! memory-bandwidth floor: CSR bytes ÷ the HBM bandwidth (3.35 TB/s on an H100 SXM, 4.8 TB/s on
//! an H200).
//!
//! `cargo bench --features gpu --bench gpu -- [GRAPHS] [WORKLOADS]`, each a comma-separated list
//! (default `rmat22,rmat24,wiki-Vote,facebook_combined,ca-HepPh,astro-ph` and
//! `triangle,clique:4,clique:5,motifs:4,motifs:5`); `SAKER_BENCH_NO_CPU=1` skips the CPU.
//! Rows are printed as they finish, as markdown, so a run cut short keeps what it measured.

use std::time::Instant;

use saker::exec::gpu::{probe, Gpu};
use saker::graph::{generate, LoadOptions};
use saker::{Graph, Pattern, Plan, Semantics};

/// Datasheet HBM bandwidth of the device, by name (H100 SXM unless it is an H200).
fn hbm_bytes_per_s(device: &str) -> f64 {
    if device.contains("H200") {
        4.8e12
    } else {
        3.35e12
    }
}

fn graph(name: &str) -> Graph {
    if let Some(scale) = name.strip_prefix("rmat") {
        return generate::rmat(scale.parse().expect("rmatSCALE"), 16, 1).unwrap();
    }
    // The datasets beside the working directory first: on a GPU machine the binary is carried
    // to a checkout at another path than the one it was built in.
    let dirs = [
        "datasets/unlabeled",
        concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/unlabeled"),
    ];
    let path = dirs
        .iter()
        .flat_map(|dir| [format!("{dir}/{name}.el"), format!("{dir}/small/{name}.el")])
        .find(|p| std::path::Path::new(p).exists())
        .unwrap_or_else(|| panic!("no bundled graph {name}"));
    Graph::load(&path, &LoadOptions::default()).unwrap()
}

fn workload(name: &str) -> Vec<Pattern> {
    match name.strip_prefix("motifs:") {
        Some(k) => saker::pattern::connected(k.parse().unwrap())
            .into_iter()
            .map(|p| p.with_semantics(Semantics::VertexInduced))
            .collect(),
        None => vec![Pattern::parse(name).unwrap()],
    }
}

/// The workload's total count on the CPU's best path, on all cores.
fn cpu_total(g: &Graph, workload: &str, plans: &[Plan]) -> u64 {
    match workload.strip_prefix("motifs:") {
        Some(k) => saker::motifs(g, k.parse().unwrap(), Semantics::VertexInduced)
            .unwrap()
            .iter()
            .fold(0u64, |sum, (_, n)| sum.wrapping_add(*n)),
        None => plans.iter().fold(0u64, |sum, plan| {
            sum.wrapping_add(saker::exec::cpu::count(g, plan).unwrap())
        }),
    }
}

fn main() {
    if let Err(e) = probe() {
        eprintln!("skipped: {e}");
        return;
    }
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let graphs = args.first().map_or(
        "rmat22,rmat24,wiki-Vote,facebook_combined,ca-HepPh,astro-ph",
        String::as_str,
    );
    let workloads = args.get(1).map_or(
        "triangle,clique:4,clique:5,motifs:4,motifs:5",
        String::as_str,
    );
    let skip_cpu = std::env::var_os("SAKER_BENCH_NO_CPU").is_some();
    println!(
        "| graph | n | m | workload | count | GPU kernel s | compile s | CPU s | CPU/GPU | triangle floor s |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for name in graphs.split(',') {
        let loaded = Instant::now();
        let g = graph(name);
        eprintln!("{name}: loaded in {:.1} s", loaded.elapsed().as_secs_f64());
        let upload = Instant::now();
        let mut gpu = Gpu::new(&g).unwrap();
        let device = gpu.describe();
        eprintln!(
            "{name}: uploaded to {device} in {:.3} s",
            upload.elapsed().as_secs_f64()
        );
        for w in workloads.split(',') {
            let plans: Vec<Plan> = workload(w).iter().map(|p| Plan::for_graph(p, &g)).collect();
            let compile_before = gpu.compile_time();
            // The first pass compiles (and warms up); a second, timed pass runs when the first
            // was short, else the first pass's time less its compile time stands.
            let started = Instant::now();
            let mut total = 0u64;
            for plan in &plans {
                total = total.wrapping_add(gpu.count(plan).unwrap());
            }
            let compile = (gpu.compile_time() - compile_before).as_secs_f64();
            let mut kernel = started.elapsed().as_secs_f64() - compile;
            if kernel < 2.0 {
                let started = Instant::now();
                let mut again = 0u64;
                for plan in &plans {
                    again = again.wrapping_add(gpu.count(plan).unwrap());
                }
                kernel = started.elapsed().as_secs_f64();
                assert_eq!(total, again, "{name} {w}: two GPU runs disagree");
            }
            let cpu = (!skip_cpu).then(|| {
                let started = Instant::now();
                let sum = cpu_total(&g, w, &plans);
                assert_eq!(sum, total, "{name} {w}: GPU and CPU counts differ");
                started.elapsed().as_secs_f64()
            });
            let floor = (w == "triangle").then(|| {
                let bytes = 8 * (g.num_vertices() + 1) + 4 * g.adjacency().len();
                bytes as f64 / hbm_bytes_per_s(&device)
            });
            println!(
                "| {name} | {} | {} | {w} | {total} | {kernel:.4} | {compile:.2} | {} | {} | {} |",
                g.num_vertices(),
                g.num_edges(),
                cpu.map_or("-".into(), |c| format!("{c:.3}")),
                cpu.map_or("-".into(), |c| format!("{:.1}", c / kernel)),
                floor.map_or("-".into(), |f| format!("{f:.2e} ({:.1}x)", kernel / f)),
            );
        }
    }
}
