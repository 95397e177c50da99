#!/usr/bin/env bash
# Distributed speed-up on one machine: 2 processes × 1 worker against 1 process × 1 worker
# (both with --threads 1), for 4-cliques and 5-motifs on the largest bundled graph, with the
# bytes each exchange round moved and the load average.
#
#   benches/dist.sh [SAKER_BINARY] [GRAPH] [REPEATS]
#
# Default: target/release/saker, datasets/unlabeled/ca-HepPh.el, 5. The graph is converted to
# a .sakg cache first, which every process memory-maps (as a distributed run should). Runs
# alternate between the two set-ups, REPEATS each, and the best and the median of each are
# reported, both as whole-run wall-clock time (process start to the last process's exit) and
# as compute time (`--time`: after the graph is loaded; for 2 processes process 0's, which
# includes waiting for its peer's part and for the connections to close). The results of the
# two set-ups are compared and any difference is an error. See docs/distributed.md.
set -euo pipefail
cd "$(dirname "$0")/.."
saker=${1:-target/release/saker}
source=${2:-datasets/unlabeled/ca-HepPh.el}
repeats=${3:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
graph="$tmp/graph.sakg"
"$saker" convert "$source" "$graph" >/dev/null

port=$((20000 + RANDOM % 20000))
printf '127.0.0.1:%d\n127.0.0.1:%d\n' "$port" "$((port + 1))" >"$tmp/hosts"

now() { date +%s.%N; }
# compute FILE: the compute seconds of a `--time` line.
compute() { sed -n 's/^time: .*compute \([0-9.]*\) s$/\1/p' "$1"; }

# one NAME ARGS...: one single-process run; prints "wall compute", keeps its stdout.
one() {
    local name=$1 t0
    shift
    t0=$(now)
    "$saker" --time --threads 1 --format csv "$@" >"$tmp/$name.one" 2>"$tmp/$name.err"
    echo "$(awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }') $(compute "$tmp/$name.err")"
}

# two NAME ARGS...: 2 processes × 1 worker; prints "wall compute" (wall: until both exited).
two() {
    local name=$1 t0 pid
    shift
    t0=$(now)
    "$saker" --time --threads 1 --format csv "$@" --processes 2 --process 1 \
        --hosts "$tmp/hosts" >/dev/null 2>"$tmp/$name.err1" &
    pid=$!
    "$saker" --time --threads 1 --format csv "$@" --processes 2 --process 0 \
        --hosts "$tmp/hosts" >"$tmp/$name.two" 2>"$tmp/$name.err0"
    wait "$pid"
    echo "$(awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }') $(compute "$tmp/$name.err0")"
}

# best COLUMN, median COLUMN: the smallest and the middle value of that column of stdin.
best() { awk -v c="$1" 'NR == 1 || $c < m { m = $c } END { print m }'; }
median() { awk -v c="$1" '{ print $c }' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

echo "graph: $source (as .sakg), best and median of $repeats, runs alternating"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %-6s %9s %9s %8s   %11s %11s %8s\n' workload "" "1x1 wall" "2x1 wall" speedup \
    "1x1 compute" "2x1 compute" speedup
for workload in "cliques4:cliques -k 4" "motifs5:motifs -k 5"; do
    name=${workload%%:*}
    read -r -a args <<<"${workload#*:}"
    args=("${args[0]}" "$graph" "${args[@]:1}")
    : >"$tmp/$name.t1"
    : >"$tmp/$name.t2"
    for _ in $(seq "$repeats"); do
        one "$name" "${args[@]}" >>"$tmp/$name.t1"
        two "$name" "${args[@]}" >>"$tmp/$name.t2"
    done
    if ! cmp -s "$tmp/$name.one" "$tmp/$name.two"; then
        echo "error: $name: the 2-process result differs from the 1-process result" >&2
        diff "$tmp/$name.one" "$tmp/$name.two" >&2 || true
        exit 1
    fi
    for stat in best median; do
        w1=$($stat 1 <"$tmp/$name.t1") w2=$($stat 1 <"$tmp/$name.t2")
        c1=$($stat 2 <"$tmp/$name.t1") c2=$($stat 2 <"$tmp/$name.t2")
        printf '%-9s %-6s %9.3f %9.3f %8s   %11.4f %11.4f %8s\n' "$name" "$stat" "$w1" "$w2" \
            "$(ratio "$w1" "$w2")" "$c1" "$c2" "$(ratio "$c1" "$c2")"
    done
    grep '^dist:' "$tmp/$name.err0" | sed "s/^/  $name /"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
