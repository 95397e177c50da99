#!/usr/bin/env bash
# Distributed speed-up on one machine: 2 processes × 1 worker against one ordinary process and
# against the distributed path with 1 process × 1 worker (all with --threads 1), for 4-cliques
# and 5-motifs on the largest bundled graph, with the bytes each exchange round moved and the
# load average.
#
#   benches/dist.sh [SAKER_BINARY] [GRAPH] [REPEATS]
#
# Default: target/release/saker, datasets/unlabeled/ca-HepPh.el, 5. The graph is converted to
# a .sakg cache first, which every process memory-maps (as a distributed run should). Runs
# alternate between the three set-ups, REPEATS each, and the best and the median of each are
# reported as compute time (`--time`: after the graph is loaded until the result is printed; for
# 2 processes process 0's from the end of the start round, when every process has loaded the
# graph, which includes waiting for its peer's part but not the shutdown after its result)
# and, for the ordinary process and 2 × 1, as whole-run wall-clock time (process start to the
# last exit, shutdown included). A third row, "paired", gives the median of the
# speed-ups within each repetition. Each repetition also starts two ordinary processes at once
# ("ceiling"): how much two busy cores of this machine do at that moment against one, which
# bounds what 2 processes can gain. The results of the set-ups are compared and any
# difference is an error. See docs/distributed.md.
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
compute() { sed -n 's/^time: .*compute \([0-9.]*\) s\(, shutdown .*\)\{0,1\}$/\1/p' "$1"; }

# one NAME ARGS...: one single-process run; prints "wall compute", keeps its stdout.
one() {
    local name=$1 t0
    shift
    t0=$(now)
    "$saker" --time --threads 1 --format csv "$@" >"$tmp/$name.one" 2>"$tmp/$name.err"
    echo "$(awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }') $(compute "$tmp/$name.err")"
}

# lone NAME ARGS...: the distributed path with 1 process × 1 worker; prints "wall compute".
lone() {
    local name=$1 t0
    shift
    t0=$(now)
    "$saker" --time --threads 1 --format csv "$@" --processes 1 >"$tmp/$name.lone" \
        2>"$tmp/$name.errl"
    echo "$(awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }') $(compute "$tmp/$name.errl")"
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

# pair NAME ARGS...: two ordinary single-process runs started together, sharing nothing;
# prints the compute seconds of the slower. What one process computes in that time twice
# over is the most any 2-process run could gain on this machine at that moment.
pair() {
    local name=$1 pid
    shift
    "$saker" --time --threads 1 --format csv "$@" >/dev/null 2>"$tmp/$name.errp" &
    pid=$!
    "$saker" --time --threads 1 --format csv "$@" >/dev/null 2>"$tmp/$name.errq"
    wait "$pid"
    awk -v a="$(compute "$tmp/$name.errp")" -v b="$(compute "$tmp/$name.errq")" \
        'BEGIN { print (a > b ? a : b) }'
}

# best COLUMN, median COLUMN: the smallest and the middle value of that column of stdin.
best() { awk -v c="$1" 'NR == 1 || $c < m { m = $c } END { print m }'; }
median() { awk -v c="$1" '{ print $c }' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

echo "graph: $source (as .sakg), best and median of $repeats, runs alternating"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Compute columns: the ordinary process, the distributed path with 1 process × 1 worker, and
# 2 processes × 1 worker, then the speed-ups of the last over the first two; wall-clock
# columns: the ordinary process and 2 × 1.
printf '%-9s %-6s %9s %9s %9s %8s %8s   %9s %9s %8s\n' workload "" "compute" "1x1 dist" \
    "2x1 dist" "vs one" "vs 1x1" "wall" "2x1 wall" "vs one"
for workload in "cliques4:cliques -k 4" "motifs5:motifs -k 5"; do
    name=${workload%%:*}
    read -r -a args <<<"${workload#*:}"
    args=("${args[0]}" "$graph" "${args[@]:1}")
    : >"$tmp/$name.t1"
    : >"$tmp/$name.tl"
    : >"$tmp/$name.t2"
    : >"$tmp/$name.tp"
    for _ in $(seq "$repeats"); do
        one "$name" "${args[@]}" >>"$tmp/$name.t1"
        lone "$name" "${args[@]}" >>"$tmp/$name.tl"
        two "$name" "${args[@]}" >>"$tmp/$name.t2"
        pair "$name" "${args[@]}" >>"$tmp/$name.tp"
    done
    for other in lone two; do
        if ! cmp -s "$tmp/$name.one" "$tmp/$name.$other"; then
            echo "error: $name: the $other result differs from the 1-process result" >&2
            diff "$tmp/$name.one" "$tmp/$name.$other" >&2 || true
            exit 1
        fi
    done
    for stat in best median; do
        w1=$($stat 1 <"$tmp/$name.t1") w2=$($stat 1 <"$tmp/$name.t2")
        c1=$($stat 2 <"$tmp/$name.t1") cl=$($stat 2 <"$tmp/$name.tl") c2=$($stat 2 <"$tmp/$name.t2")
        printf '%-9s %-6s %9.4f %9.4f %9.4f %8s %8s   %9.3f %9.3f %8s\n' "$name" "$stat" \
            "$c1" "$cl" "$c2" "$(ratio "$c1" "$c2")" "$(ratio "$cl" "$c2")" \
            "$w1" "$w2" "$(ratio "$w1" "$w2")"
    done
    # The median of the speed-ups of each repetition's 2 × 1 run over the runs just before it:
    # this machine's speed drifts over seconds, and adjacent runs share the drift.
    paste -d' ' "$tmp/$name.t1" "$tmp/$name.tl" "$tmp/$name.t2" |
        awk '{ print $2 / $6, $4 / $6, $1 / $5 }' >"$tmp/$name.pairs"
    printf '%-9s %-6s %9s %9s %9s %7.2fx %7.2fx   %9s %9s %7.2fx\n' "$name" paired - - - \
        "$(median 1 <"$tmp/$name.pairs")" "$(median 2 <"$tmp/$name.pairs")" - - \
        "$(median 3 <"$tmp/$name.pairs")"
    paste -d' ' "$tmp/$name.t1" "$tmp/$name.tp" | awk '{ print 2 * $2 / $3 }' >"$tmp/$name.ceil"
    c1=$(best 2 <"$tmp/$name.t1") cp=$(best 1 <"$tmp/$name.tp")
    echo "  $name ceiling: $(ratio "$(awk -v a="$c1" 'BEGIN { print 2 * a }')" "$cp") best," \
        "$(ratio "$(median 1 <"$tmp/$name.ceil")" 1) paired (two ordinary processes at once:" \
        "the slower took $cp s best, $(median 1 <"$tmp/$name.tp") s median)"
    grep '^dist:' "$tmp/$name.err0" | sed "s/^/  $name /"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
