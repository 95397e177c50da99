#!/usr/bin/env bash
# Distributed speed-up on one machine: 2 processes × 1 worker against 1 process × 1 worker
# (both with --threads 1), for 4-cliques and 5-motifs on the largest bundled graph, best of
# REPEATS runs each, with the bytes each exchange round moved and the load average.
#
#   benches/dist.sh [SAKER_BINARY] [GRAPH] [REPEATS]
#
# Default: target/release/saker, datasets/unlabeled/ca-HepPh.el, 3. Whole-run wall-clock
# times (graph loading included, each process loads the graph); the results of the two runs
# are compared and any difference is an error. See docs/distributed.md.
set -euo pipefail
cd "$(dirname "$0")/.."
saker=${1:-target/release/saker}
graph=${2:-datasets/unlabeled/ca-HepPh.el}
repeats=${3:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

port=$((20000 + RANDOM % 20000))
printf '127.0.0.1:%d\n127.0.0.1:%d\n' "$port" "$((port + 1))" >"$tmp/hosts"

now() { date +%s.%N; }

# one NAME ARGS...: one single-process run; prints its seconds, keeps its stdout.
one() {
    local name=$1 t0
    shift
    t0=$(now)
    "$saker" --threads 1 --format csv "$@" >"$tmp/$name.one"
    awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }'
}

# two NAME ARGS...: 2 processes × 1 worker; prints the seconds until both exited.
two() {
    local name=$1 t0 pid
    shift
    t0=$(now)
    "$saker" --threads 1 --format csv "$@" --processes 2 --process 1 --hosts "$tmp/hosts" \
        >/dev/null 2>"$tmp/$name.err1" &
    pid=$!
    "$saker" --threads 1 --format csv "$@" --processes 2 --process 0 --hosts "$tmp/hosts" \
        >"$tmp/$name.two" 2>"$tmp/$name.err0"
    wait "$pid"
    awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }'
}

best() { sort -g | head -1; }

echo "graph: $graph, best of $repeats; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %12s %12s %8s\n' workload "1x1 s" "2x1 s" speedup
for workload in "cliques4:cliques $graph -k 4" "motifs5:motifs $graph -k 5"; do
    name=${workload%%:*}
    read -r -a args <<<"${workload#*:}"
    t1=$(for _ in $(seq "$repeats"); do one "$name" "${args[@]}"; done | best)
    t2=$(for _ in $(seq "$repeats"); do two "$name" "${args[@]}"; done | best)
    if ! cmp -s "$tmp/$name.one" "$tmp/$name.two"; then
        echo "error: $name: the 2-process result differs from the 1-process result" >&2
        diff "$tmp/$name.one" "$tmp/$name.two" >&2 || true
        exit 1
    fi
    printf '%-10s %12.2f %12.2f %7.2fx\n' "$name" "$t1" "$t2" "$(awk -v a="$t1" -v b="$t2" 'BEGIN { print a / b }')"
    grep '^dist:' "$tmp/$name.err0" | sed "s/^/  $name /"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
