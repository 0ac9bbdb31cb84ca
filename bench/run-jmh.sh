#!/usr/bin/env bash
# Builds the JMH benchmarks jar and runs the benchmarks with settings sized for a shared 2-core machine
# (one fork, few and short iterations). Results: bench/out/<group>.txt (JMH's text) and .json (machine-readable),
# and bench/out/machine.txt (cores, memory, JDK, load at the start of each group).
# Usage: bench/run-jmh.sh [GROUP...]   groups: analysis pages automaton resolver open detectors (default: all)
#        BUILD_DIR_NAME=target-x bench/run-jmh.sh   to build into another per-developer build directory
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR_NAME:-target-bench}
OUT=bench/out
JAR=telltale-bench/$BUILD/benchmarks.jar
mkdir -p "$OUT"
mvn -q -B -Dbuild.dir.name="$BUILD" -DskipTests -pl telltale-bench -am package

machine() {
  {
    echo "== $1 $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cores: $(nproc), memory: $(free -g | awk '/^Mem:/ {print $2}') GiB, load: $(cut -d' ' -f1-3 /proc/loadavg)"
    java -version 2>&1 | head -n 2
  } >> "$OUT/machine.txt"
}

jmh() {
  local group=$1
  shift
  machine "$group"
  java -jar "$JAR" "$@" -jvmArgsAppend -Xmx3g -rf json -rff "$OUT/$group.json" | tee "$OUT/$group.txt"
}

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(analysis pages automaton resolver open detectors)
for group in "${groups[@]}"; do
  case $group in
    analysis)  jmh analysis 'AnalysisThroughputBenchmark' -f 1 -wi 3 -i 5 -w 5s -r 5s ;;
    pages)     jmh pages 'RealPageLoadsBenchmark' -f 1 -wi 3 -i 5 -w 5s -r 5s ;;
    automaton) jmh automaton 'AutomatonBenchmark' -f 1 -wi 3 -i 5 -w 2s -r 3s ;;
    resolver)  jmh resolver 'ResolverBenchmark\.(ipv4|ipv6|pageHost|pageHostWithIpv4|distinctHost)$' -f 1 -wi 3 -i 5 -w 2s -r 3s ;;
    # single shot: every operation opens a new resolver; two forks so the first, coldest iterations show twice
    open)      jmh open 'ResolverBenchmark\.(open|openAndFirstIpv4|openAndFirstHost|openAndVerify)$' -f 2 -wi 5 -i 20 ;;
    # every detector on ordinary and on hostile text, one MiB each: 168 combinations, about 25 minutes
    detectors) jmh detectors 'DetectorCostBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 1s ;;
    *) echo "unknown group $group (analysis pages automaton resolver open detectors)" >&2; exit 2 ;;
  esac
done
