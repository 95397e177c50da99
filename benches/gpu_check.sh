#!/usr/bin/env bash
# The GPU explorer on a machine with an NVIDIA GPU: the differential suite (`count --device gpu`
# against `--device cpu` on every bundled graph), the published counts of datasets/README.md, and
# kernel timings. See docs/gpu.md for how to build the binary and run this on the device tool.
#
#   benches/gpu_check.sh SAKER_BINARY [OUT_DIR]
#
# Every saker invocation is limited to SAKER_CHECK_TIMEOUT seconds (default 120); one that runs
# out is logged as TIMEOUT and counted apart (it verified nothing, but is no mismatch either).
# Exits non-zero on any mismatch. Writes OUT_DIR/gpu_check.log (every comparison) and
# OUT_DIR/gpu_times.tsv (graph, pattern, GPU kernel seconds, GPU wall seconds, CPU wall seconds).
set -uo pipefail
saker=${1:?usage: benches/gpu_check.sh SAKER_BINARY [OUT_DIR]}
out=${2:-.}
cd "$(dirname "$0")/.."
mkdir -p "$out"
log="$out/gpu_check.log"
times="$out/gpu_times.tsv"
: >"$log"
printf 'graph\tpattern\tgpu_kernel_s\tgpu_wall_s\tcpu_wall_s\n' >"$times"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee -a "$log"
failures=0
limit=${SAKER_CHECK_TIMEOUT:-120}

patterns=(triangle clique:4 clique:5 4-cycle diamond tailed-triangle 3-star 4-path house 5-cycle
    wedge star:4 "induced: 4-cycle" "induced: 4-path" "0-1-2 0~2" "0-1 2-3")
# Vertex-induced houses are enumerated with three anti-edge checks per match on either device:
# minutes on the larger graphs, so only the small ones check them.
small_patterns=("${patterns[@]}" "induced: house")
declare -A gpu_counts # graph file name -> the GPU's CSV output

now() { date +%s.%N; }
# Seconds from $1 to $2 (no bc on the GPU machine's image).
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# count DEVICE GRAPH PATTERNS... -> CSV rows "pattern,count" on stdout, kernel times on fd 3.
count() {
    local device=$1 graph=$2
    shift 2
    SAKER_GPU_TIMES=1 timeout "$limit" "$saker" --format csv count --device "$device" "$graph" "$@" \
        2>"$out/stderr.txt"
    local rc=$?
    if [ $rc -eq 124 ]; then
        echo "TIMEOUT $(basename "$graph") --device $device after $limit s" | tee -a "$log" >&2
    fi
    grep '^saker-gpu:' "$out/stderr.txt" >&3
    grep -v '^saker-gpu:' "$out/stderr.txt" >&2
    return $rc
}

for graph in datasets/unlabeled/small/*.el datasets/unlabeled/*.el; do
    name=$(basename "$graph")
    case $graph in
    */small/*) set -- "${small_patterns[@]}" ;;
    *) set -- "${patterns[@]}" ;;
    esac
    t0=$(now)
    gpu=$(count gpu "$graph" "$@" 3>"$out/kernel_times.txt")
    case $? in
    0) ;;
    124) continue ;;
    *)
        echo "FAIL $name: --device gpu exited non-zero" | tee -a "$log"
        failures=$((failures + 1))
        continue
        ;;
    esac
    gpu_counts[$name]=$gpu
    t1=$(now)
    cpu=$(count cpu "$graph" "$@" 3>/dev/null)
    case $? in
    0) ;;
    124) continue ;;
    *)
        echo "FAIL $name: --device cpu exited non-zero" | tee -a "$log"
        failures=$((failures + 1))
        continue
        ;;
    esac
    t2=$(now)
    if [ "$gpu" == "$cpu" ]; then
        echo "ok   $name: $# patterns agree (gpu $(seconds "$t0" "$t1") s, cpu $(seconds "$t1" "$t2") s)" | tee -a "$log"
    else
        echo "FAIL $name: GPU and CPU counts differ" | tee -a "$log"
        diff <(echo "$cpu") <(echo "$gpu") | tee -a "$log"
        failures=$((failures + 1))
    fi
    i=0
    while IFS= read -r line; do
        kernel=$(echo "$line" | sed -n 's/.*: kernel \([0-9.]*\) s.*/\1/p')
        shift_to=$((i + 1))
        printf '%s\t%s\t%s\t%s\t%s\n' "$name" "${!shift_to}" "$kernel" \
            "$(seconds "$t0" "$t1")" "$(seconds "$t1" "$t2")" >>"$times"
        i=$((i + 1))
    done <"$out/kernel_times.txt"
    cat "$out/kernel_times.txt" >>"$log"
done

# Published counts (datasets/README.md, "Counts cross-checked by peer systems"): the GPU's
# counts from the differential run above.
published() {
    local name=$1
    shift
    local expected=("$@")
    local names=(triangle clique:4 clique:5 4-cycle diamond tailed-triangle 3-star 4-path house 5-cycle)
    local got=${gpu_counts[$name]:-}
    if [ -z "$got" ]; then
        # Already logged above as a failure or a timeout.
        echo "skip $name: published counts: the GPU run above gave no counts" | tee -a "$log"
        return
    fi
    local i=0
    for p in "${names[@]}"; do
        local row
        row=$(echo "$got" | grep "^$p," | cut -d, -f2)
        if [ "$row" == "${expected[$i]}" ]; then
            echo "ok   $name $p = $row (published)" >>"$log"
        else
            echo "FAIL $name $p: GPU $row, published ${expected[$i]}" | tee -a "$log"
            failures=$((failures + 1))
        fi
        i=$((i + 1))
    done
}
published ca-GrQc.el 48260 329297 2215500 1054723 2041499 4842798 2482738 6160380 144198591 29813491
published email-Eu-core.el 105461 423750 1222005 4647873 5012720 29963822 47103723 85410303 616812088 245585096
published wiki-Vote.el 608389 2077903 4514137 57654491 40544543 421175645 1475572967 1903444290 9488779111 5260254667
published facebook_combined.el 1612010 30004668 517965151 144023053 228787050 703783680 727318426 1055326189 62775353409 15676700606
published ca-HepPh.el 3358499 150281372 6491049885 486866960 936890335 2406436811 1276966999 3146167903 421559299982 88338524409

# Labelled patterns on CiteSeer (labels from Peregrine's test data).
cite=datasets/labeled/citeseer_peregrine/citeseer.edges
labels=datasets/labeled/citeseer_peregrine/citeseer.labels
lp=("0:1-1:1-2:1-0" "0:0-1:2-2:3" "0:1-1-2:4 0~2" "induced: 0:2-1:2-2:2-3:2-0")
gpu=$(timeout "$limit" "$saker" --format csv count --device gpu --labels "$labels" "$cite" "${lp[@]}")
cpu=$(timeout "$limit" "$saker" --format csv count --device cpu --labels "$labels" "$cite" "${lp[@]}")
if [ -n "$gpu" ] && [ "$gpu" == "$cpu" ]; then
    echo "ok   citeseer (labelled): ${#lp[@]} patterns agree" | tee -a "$log"
else
    echo "FAIL citeseer (labelled)" | tee -a "$log"
    diff <(echo "$cpu") <(echo "$gpu") | tee -a "$log"
    failures=$((failures + 1))
fi

echo "$failures failures, $(grep -c '^TIMEOUT' "$log") timeouts" | tee -a "$log"
[ "$failures" -eq 0 ]
