#!/usr/bin/env bash
# Time from JVM start to the first attribution answer, in a fresh JVM each run, with the data read from the
# jar as the command-line tool reads it. Prints each run and the median per case; a JVM that does nothing
# is the baseline. Usage: bench/first-lookup.sh [RUNS]   (default 7). Needs the jar from bench/run-jmh.sh
# (or any build of telltale-bench with -Dbuild.dir.name=$BUILD_DIR_NAME, default target-bench).
# Also written to bench/out/first-lookup.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
exec > >(tee bench/out/first-lookup.txt)
RUNS=${1:-7}
JAR=telltale-bench/${BUILD_DIR_NAME:-target-bench}/benchmarks.jar
[ -f "$JAR" ] || { echo "no $JAR: run bench/run-jmh.sh first" >&2; exit 2; }
echo "cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"

run_case() {
  local name=$1
  shift
  local walls=() inside=()
  for _ in $(seq "$RUNS"); do
    local start end line
    start=$(date +%s%N)
    line=$(java -Xshare:auto -cp "$JAR" org.telltale.bench.FirstLookup "$@")
    end=$(date +%s%N)
    walls+=($(( (end - start) / 1000000 )))
    inside+=("$(sed -n 's/.*since_jvm_start_ms=\([0-9]*\).*/\1/p' <<< "$line")")
    echo "  $name: wall_ms=${walls[-1]} $line"
  done
  printf '%s median: wall %s ms, since JVM start %s ms\n' "$name" \
    "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")" \
    "$(printf '%s\n' "${inside[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
}

run_case nothing --nothing
run_case ipv4 - 8.8.8.8
run_case ipv6 - 2001:4860:4860::8888
run_case host graph.facebook.com -
run_case host+ipv4 graph.facebook.com 157.240.1.1
