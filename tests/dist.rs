//! Distributed runs on 127.0.0.1: 2 and 3 processes (and 3 workers in one process) print
//! exactly what one process prints, for count, cliques, motifs (k = 4, 5), orbits and fsm; a
//! process killed mid-run makes the others fail with a clear error and no result, and so does
//! a process that cannot load its graph, with its reason, and a peer that never comes up, once
//! the connect timeout has passed.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

const SAKER: &str = env!("CARGO_BIN_EXE_saker");

/// One cluster at a time: a port found free by one test could otherwise be handed to another
/// test's cluster in between (and the machine has few cores anyway).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

fn data(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("datasets")
        .join(path)
        .display()
        .to_string()
}

/// A host file of `processes` free loopback ports (each found by binding port 0).
fn hosts(processes: usize) -> tempfile::NamedTempFile {
    let listeners: Vec<TcpListener> = (0..processes)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("a free port"))
        .collect();
    let text: String = listeners
        .iter()
        .map(|l| format!("127.0.0.1:{}\n", l.local_addr().expect("bound").port()))
        .collect();
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), text).expect("write hosts");
    file
}

fn saker(args: &[String]) -> Command {
    let mut command = Command::new(SAKER);
    command
        .args(["--threads", "1", "--format", "csv"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn spawn(args: &[String], processes: usize, process: usize, hosts: &Path) -> Command {
    let mut command = saker(args);
    command.args([
        "--processes".to_string(),
        processes.to_string(),
        "--process".to_string(),
        process.to_string(),
        "--hosts".to_string(),
        hosts.display().to_string(),
    ]);
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The stderr of a process that must have failed the run: exit code 2 and no result printed.
fn failed(out: &Output, which: &str) -> String {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{which}: {stderr}");
    assert!(
        out.stdout.is_empty(),
        "{which} printed {}",
        text(&out.stdout)
    );
    stderr
}

/// Runs `args` on `processes` processes and returns each process's output.
fn run_cluster(args: &[String], processes: usize) -> Vec<Output> {
    let hosts = hosts(processes);
    let children: Vec<Child> = (0..processes)
        .map(|p| {
            spawn(args, processes, p, hosts.path())
                .spawn()
                .expect("start saker")
        })
        .collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().expect("saker output"))
        .collect()
}

/// The `--time` line of a process's stderr.
fn time_line(out: &Output) -> String {
    let stderr = text(&out.stderr);
    let line = stderr.lines().find(|l| l.starts_with("time: "));
    line.expect("a --time line").to_string()
}

fn check(args: &[&str]) {
    let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    args.push("--time".to_string());
    let single = saker(&args).output().expect("run saker");
    assert!(
        single.status.success(),
        "{args:?}: {}",
        text(&single.stderr)
    );
    assert!(!single.stdout.is_empty());
    for processes in [2, 3] {
        let outputs = run_cluster(&args, processes);
        for (p, out) in outputs.iter().enumerate() {
            assert!(
                out.status.success(),
                "{args:?}, process {p} of {processes}: {}",
                text(&out.stderr)
            );
            let expected = if p == 0 { &single.stdout[..] } else { &[][..] };
            assert_eq!(
                text(&out.stdout),
                text(expected),
                "{args:?}, process {p} of {processes}"
            );
        }
        assert!(
            text(&outputs[0].stderr).contains("between processes"),
            "process 0 reports the exchanged bytes"
        );
        // Process 0 reports apart the waits for its peers at the start and, after its result,
        // for the run to shut down; the others print no result, so they report neither.
        let leader = time_line(&outputs[0]);
        assert!(leader.contains(" s, peers "), "{leader}");
        assert!(leader.contains(" s, shutdown "), "{leader}");
        for out in &outputs[1..] {
            let line = time_line(out);
            assert!(
                !line.contains("peers") && !line.contains("shutdown"),
                "{line}"
            );
        }
    }
    // Several workers in one process.
    let mut threaded = args.clone();
    threaded.extend(["--workers".to_string(), "3".to_string()]);
    let out = saker(&threaded).output().expect("run saker");
    assert!(out.status.success(), "{threaded:?}: {}", text(&out.stderr));
    assert_eq!(text(&out.stdout), text(&single.stdout), "{threaded:?}");
}

#[test]
fn count_and_cliques_match_one_process() {
    let _one = serial();
    let g = data("unlabeled/ca-GrQc.el");
    check(&[
        "count",
        &g,
        "triangle",
        "diamond",
        "0-1-2-3-0",
        "house",
        "--induced",
    ]);
    check(&[
        "count",
        &g,
        "triangle",
        "clique:4",
        "cycle:5",
        "tailed-triangle",
    ]);
    check(&["cliques", &g, "-k", "4"]);
    check(&["cliques", &data("unlabeled/email-Eu-core.el"), "-k", "5"]);
    // Edges, triangles and pivoting, all sizes in one pass.
    check(&["cliques", &g, "-k", "2-7"]);
}

#[test]
fn motifs_match_one_process() {
    let _one = serial();
    let g = data("unlabeled/email-Eu-core.el");
    check(&["motifs", &g, "-k", "4"]);
    check(&["motifs", &g, "-k", "4", "--edge-induced"]);
    check(&["motifs", &data("unlabeled/small/jazz.el"), "-k", "5"]);
    // The orbit equations' stages, exchanged between the workers.
    check(&[
        "motifs",
        &data("unlabeled/small/jazz.el"),
        "-k",
        "5",
        "--method",
        "equations",
    ]);
    check(&[
        "motifs",
        &data("unlabeled/small/karate.el"),
        "-k",
        "5",
        "--method",
        "enumerate",
    ]);
}

#[test]
fn orbits_match_one_process() {
    let _one = serial();
    check(&["orbits", &data("unlabeled/small/jazz.el"), "-k", "5"]);
    check(&[
        "orbits",
        &data("unlabeled/small/celegans_metabolic.el"),
        "-k",
        "4",
    ]);
}

#[test]
fn fsm_matches_one_process() {
    let _one = serial();
    let g = data("labeled/citeseer_grami/citeseer.lg");
    check(&["fsm", &g, "--edges", "3", "--support", "100"]);
    check(&[
        "fsm",
        &g,
        "--edges",
        "2",
        "--support",
        "20",
        "--vertex-induced",
    ]);
}

/// Process 2 of 3 sleeps before its first exchange and is killed then: processes 0 and 1
/// must fail with exit code 2 and a clear error, and print no result.
#[test]
fn a_killed_process_fails_the_run() {
    let _one = serial();
    let args: Vec<String> = ["cliques", &data("unlabeled/ca-GrQc.el"), "-k", "4"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let hosts = hosts(3);
    let mut children: Vec<Child> = (0..3)
        .map(|p| {
            let mut command = spawn(&args, 3, p, hosts.path());
            command.env("SAKER_DIST_TEST_DELAY", "2:60000");
            command.spawn().expect("start saker")
        })
        .collect();
    // Let the processes connect and the two healthy ones reach the exchange.
    std::thread::sleep(Duration::from_secs(3));
    let mut victim = children.pop().expect("three processes");
    victim.kill().expect("kill process 2");
    victim.wait().expect("reap process 2");
    let started = Instant::now();
    for (p, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().expect("saker output");
        let stderr = failed(&out, &format!("process {p}"));
        assert!(
            stderr.contains("error: distributed run: lost the connection to a peer process"),
            "process {p}: {stderr}"
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "the failure is noticed promptly"
    );
}

/// Process 1 of 3 cannot read its graph: every process fails with exit code 2, no result, and
/// the others name process 1 and its missing file, whether the job's first round is a gather
/// (cliques) or an all-gather (the 5-vertex orbit equations), with 2 workers per process.
#[test]
fn a_process_that_cannot_load_fails_the_run_with_its_reason() {
    let _one = serial();
    let missing = data("unlabeled/no-such-graph.el");
    for command in [["cliques", "-k", "4"], ["motifs", "-k", "5"]] {
        let hosts = hosts(3);
        let started = Instant::now();
        let children: Vec<Child> = (0..3)
            .map(|p| {
                let graph = match p {
                    1 => missing.clone(),
                    _ => data("unlabeled/small/jazz.el"),
                };
                let args = [
                    command[0].to_string(),
                    graph,
                    command[1].into(),
                    command[2].into(),
                ];
                let mut command = spawn(&args, 3, p, hosts.path());
                command.args(["--workers", "2"]);
                command.spawn().expect("start saker")
            })
            .collect();
        for (p, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().expect("saker output");
            let stderr = failed(&out, &format!("{command:?}, process {p}"));
            assert!(
                stderr.contains("no-such-graph.el"),
                "{command:?}, process {p}: {stderr}"
            );
            if p != 1 {
                assert!(
                    stderr.contains("process 1:"),
                    "{command:?}, process {p}: {stderr}"
                );
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{command:?}: the failure reaches every process promptly"
        );
    }
}

#[test]
fn bad_cluster_flags_are_clear_errors() {
    let _one = serial();
    let g = data("unlabeled/small/karate.el");
    let out = saker(&[
        "cliques".into(),
        g.clone(),
        "-k".into(),
        "3".into(),
        "--processes".into(),
        "2".into(),
        "--process".into(),
        "2".into(),
    ])
    .output()
    .expect("run saker");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--process 2 is out of range"),
        "{}",
        text(&out.stderr)
    );
    let hosts = hosts(1);
    let out = spawn(
        &["motifs".into(), g, "-k".into(), "4".into()],
        2,
        0,
        hosts.path(),
    )
    .output()
    .expect("run saker");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("1 host lines for 2 processes"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_missing_peer_fails_the_run_after_the_connect_timeout() {
    let _one = serial();
    let g = data("unlabeled/small/karate.el");
    let args = |timeout: &str| -> Vec<String> {
        ["cliques", &g, "-k", "3", "--connect-timeout", timeout]
            .map(String::from)
            .to_vec()
    };
    // Process 0 of 2 waits for process 1 to dial it; process 1 of another run dials a port
    // nobody listens on. Both wait long enough to say whom they wait for, then fail.
    let (alone_first, alone_second) = (hosts(2), hosts(2));
    let waiting: Vec<Child> = [(0, alone_first.path()), (1, alone_second.path())]
        .map(|(process, hosts)| {
            spawn(&args("2.5"), 2, process, hosts)
                .spawn()
                .expect("start saker")
        })
        .into();
    let expected = [
        "process(es) 1 did not connect within 2.5 s",
        "did not answer within 2.5 s",
    ];
    for ((process, child), expected) in waiting.into_iter().enumerate().zip(expected) {
        let out = child.wait_with_output().expect("saker output");
        let stderr = failed(&out, &format!("process {process}"));
        assert!(stderr.contains(expected), "process {process}: {stderr}");
        assert!(
            stderr.contains("note: waiting for process") && stderr.contains("--connect-timeout"),
            "process {process}: {stderr}"
        );
    }
    for bad in ["0", "inf", "1e30"] {
        let out = saker(&args(bad)).output().expect("run saker");
        let stderr = failed(&out, &format!("--connect-timeout {bad}"));
        assert!(
            stderr.contains("--connect-timeout must be a positive number of seconds"),
            "--connect-timeout {bad}: {stderr}"
        );
    }
}
