#!/usr/bin/env python3
"""Regenerates BENCHMARKS.md: runs the workload table (benches/workloads.csv) with the release
`saker` binary and compares each row with the published baselines where one matches.

    python3 benches/table.py            # every row, best of 3 (tens of minutes)
    python3 benches/table.py --quick    # the rows marked `quick`, best of 3 (about a minute)

Each repetition is a separate `saker --time` process: the table gives the whole process's time,
and the loading and compute seconds saker reports on stderr; the ratios use the compute time,
as the baselines exclude loading too. The peak RSS is the process's own. Rows
whose subcommand this build lacks are skipped with a note. Baselines are the markdown tables in
../shared/baselines/{peregrine,peers,orca}.md (or --baselines DIR); without them the ratio
columns are left out.
Python 3.8+ standard library only.
"""

import argparse
import csv
import datetime
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (file, label for the column, graph column, workload column, time column)
BASELINES = [
    ("peregrine.md", "Peregrine", "graph", "workload", "Peregrine s (2 threads)"),
    ("peers.md", "time to beat", "graph", "pattern", "time to beat s"),
    ("orca.md", "ORCA", "graph", "task", "ORCA s (1 thread)"),
]


def key(name):
    """Normalises a workload name so the baselines' spellings meet ours."""
    name = re.sub(r"\(.*?\)", "", name).strip().lower()
    name = re.sub(r"^all ", "", name)
    name = re.sub(r"^(\d+)-clique$", r"clique:\1", name)
    name = name.replace("≤", "<=").replace("≥", ">=")
    return re.sub(r"\s+", " ", name).strip()


def parse_seconds(cell):
    """`0.123`, `**0.0019** G²Miner`, `> 300 (stopped)` -> (seconds, is_lower_bound) or None."""
    cell = cell.replace("*", "").strip()
    m = re.match(r"^(>)?\s*([0-9]+(?:\.[0-9]+)?)", cell)
    if not m:
        return None
    return float(m.group(2)), m.group(1) is not None


def read_baselines(folder):
    """{label: {(graph, key(workload)): (seconds, lower_bound)}} from the markdown tables."""
    found = {}
    for file, label, gcol, wcol, tcol in BASELINES:
        path = os.path.join(folder, file)
        if not os.path.exists(path):
            continue
        rows = {}
        header = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("|"):
                    header = None
                    continue
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if header is None:
                    header = cells
                    continue
                if set("".join(cells)) <= set("-: "):
                    continue
                if not all(c in header for c in (gcol, wcol, tcol)):
                    continue
                row = dict(zip(header, cells))
                seconds = parse_seconds(row[tcol])
                if seconds is not None:
                    rows.setdefault((row[gcol], key(row[wcol])), seconds)
        found[label] = rows
    return found


def read_workloads(path):
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def machine():
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = int(f.readline().split()[1])
            memory = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open("/proc/loadavg", encoding="utf-8") as f:
            load = f"; load average {f.read().split()[0]} when the run started"
    except OSError:
        load = ""
    return (f"{model}, {os.cpu_count()} logical cores{memory}, {platform.system()} "
            f"{platform.release()}{load}")


def commit():
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def has_subcommand(binary, name, cache={}):
    if name not in cache:
        probe = subprocess.run([binary, name, "--help"], cwd=ROOT, capture_output=True)
        cache[name] = probe.returncode == 0
    return cache[name]


# Linux keeps the peak RSS of the image a process replaces with exec, so a child forked from
# this Python process reports at least Python's own RSS. GNU time, when installed, forks saker
# from a small process and reports saker's own peak instead.
GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run_once(binary, threads, args, timeout):
    """One process: (seconds, peak RSS MB, exit code, stderr)."""
    argv = [binary, "--time", "--threads", str(threads), "--timeout", str(timeout)] + args
    report = None
    if GNU_TIME:
        fd, report = tempfile.mkstemp(suffix=".rss")
        os.close(fd)
        argv = [GNU_TIME, "-f", "%M", "-o", report] + argv
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Read stderr to its end before wait4, which would otherwise deadlock on a full pipe.
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = usage.ru_maxrss
    if report:
        with open(report, encoding="utf-8") as f:
            lines = f.read().split()
        os.unlink(report)
        if lines and lines[-1].isdigit():
            peak_kb = int(lines[-1])
    return seconds, peak_kb / 1024, child.returncode, err.decode("utf-8", "replace")


def reported_times(err):
    """(load s, compute s) from saker's `--time` line on stderr, or None."""
    m = re.search(r"^time: load ([0-9.]+) s, compute ([0-9.]+) s$", err, re.MULTILINE)
    return (float(m.group(1)), float(m.group(2))) if m else None


def ratio(baseline, seconds):
    if baseline is None or not seconds:
        return ""
    base, lower = baseline
    return f"{'> ' if lower else ''}{base / seconds:.2f}×"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="only the rows marked quick")
    ap.add_argument("--reps", type=int, default=3, help="repetitions per row; the best counts")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run (saker --timeout)")
    ap.add_argument("--only", help="only rows whose `graph workload` matches this regex")
    ap.add_argument("--workloads", default=os.path.join(ROOT, "benches", "workloads.csv"))
    ap.add_argument("--baselines", help="folder of the baseline tables (default: "
                    "../shared/baselines beside the repository, or one level up for a worktree)")
    ap.add_argument("--binary", help="saker binary (default: build and use target/release/saker)")
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    opts = ap.parse_args()

    binary = opts.binary
    if binary is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target", "release", "saker")
    folder = opts.baselines or next(
        (f for f in (os.path.join(ROOT, *[".."] * up, "shared", "baselines") for up in (1, 2))
         if os.path.isdir(f)), "")
    baselines = read_baselines(folder)
    labels = [b[1] for b in BASELINES]

    rows, notes = [], []
    for w in read_workloads(opts.workloads):
        name = f"{w['graph']} {w['workload']}"
        if opts.quick and w["quick"].strip() != "quick":
            continue
        if opts.only and not re.search(opts.only, name):
            continue
        args = shlex.split(w["command"])
        if not has_subcommand(binary, args[0]):
            notes.append(f"{name}: skipped, this build has no `{args[0]}` subcommand")
            continue
        best, load, compute, rss, failure = None, None, None, 0.0, None
        for _ in range(opts.reps):
            seconds, peak, code, err = run_once(binary, w["threads"], args, opts.timeout)
            if code != 0:
                last = (err.strip().splitlines() or ["no message"])[-1]
                failure = f"> {opts.timeout:g} (stopped)" if "time limit" in err else None
                if failure is None:
                    notes.append(f"{name}: failed (exit {code}): {last}")
                    failure = "failed"
                break
            best = seconds if best is None else min(best, seconds)
            rss = max(rss, peak)
            times = reported_times(err)
            if times is not None:
                load = times[0] if load is None else min(load, times[0])
                compute = times[1] if compute is None else min(compute, times[1])
        print(f"{name:45} {failure or f'{best:.3f} s'} {rss:.1f} MB", file=sys.stderr)
        found = {lab: baselines.get(lab, {}).get((w["graph"], key(w["workload"]))) for lab in labels}
        rows.append((w, best, load, compute, rss, failure, found))

    out = []
    out.append("# Benchmarks\n")
    out.append(
        "Generated by `python3 benches/table.py"
        + (" --quick" if opts.quick else "")
        + "` from the workloads in `benches/workloads.csv`; do not edit by hand.\n")
    out.append(f"* Machine: {machine()}.")
    out.append(f"* Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
               f"saker commit {commit()}.")
    out.append(f"* Rows: {'the `quick` rows only' if opts.quick else 'every row'}"
               f"{f' matching `{opts.only}`' if opts.only else ''}; each the best of {opts.reps} "
               f"runs, a separate `saker` process each.")
    out.append("* **saker s** is the whole process (reading the text graph included); **load s** "
               "and **compute s** are what `saker --time` reports of it: reading the graph, and "
               "everything after (planning, counting, writing the result), each the best over "
               "the runs; peak RSS is the saker process's own "
               + ("(GNU time's `%M`)." if GNU_TIME else "`ru_maxrss`, which on Linux includes "
                  "the RSS of the Python process that started it (no /usr/bin/time here)."))
    out.append("* The baselines' times exclude loading (see their notes), and so do the ratios "
               "below: they divide by saker's compute time.")
    present = [lab for lab in labels if lab in baselines]
    if present:
        out.append("* **× columns** are baseline time / saker time (above 1 = saker is faster), "
                   "where `../shared/baselines/` has the same graph and workload: Peregrine "
                   "(`peregrine.md`, 2 threads), the fastest of Peregrine, GraphPi and G²Miner "
                   "(`peers.md`, 2 threads) and ORCA (`orca.md`, 1 thread). `>` marks a baseline "
                   "that was stopped before finishing.")
    else:
        out.append("* No baselines folder was found, so there are no ratio columns.")
    out.append("")
    head = ["graph", "workload", "threads", "saker s", "load s", "compute s", "peak RSS MB"]
    head += [f"{lab} ×" for lab in present]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for w, best, load, compute, rss, failure, found in rows:
        cells = [w["graph"], w["workload"], w["threads"], failure or f"{best:.3f}",
                 "" if load is None else f"{load:.3f}",
                 "" if compute is None else f"{compute:.4f}",
                 f"{rss:.1f}" if failure is None else "—"]
        cells += [ratio(found[lab], None if failure else compute) for lab in present]
        out.append("| " + " | ".join(cells) + " |")
    if notes:
        out.append("\nNotes:\n")
        out.extend(f"* {n}" for n in notes)
    with open(opts.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {opts.out}: {len(rows)} rows, {len(notes)} notes", file=sys.stderr)


if __name__ == "__main__":
    main()
