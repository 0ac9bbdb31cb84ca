#!/usr/bin/env bash
# The Spark job in local mode on 1 and 2 cores next to `telltale batch` (1 and 2 threads) on the same
# generated corpus: captures per minute and MB/s for each, and the fixed cost per capture, from two
# corpora of the same number of captures, one of 1-flow captures and one of FLOWS-flow captures.
# Every run is a whole process (JVM start, and for Spark the session) writing fresh tables.
# Usage: bench/spark-batch.sh [CAPTURES] [FLOWS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
FLOWS=${2:-20}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
BUILD=target-sparkbench
# One reactor build: the jars, and the Spark module's class path (Spark itself, provided, and the testkit).
mvn -q -B -Dbuild.dir.name=$BUILD -pl telltale-spark,telltale-cli -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=$BUILD/classpath.txt >/dev/null
cp telltale-spark/$BUILD/classpath.txt "$DIR/spark.cp"
CLI=telltale-cli/$BUILD/telltale.jar
JOB=telltale-spark/$BUILD/telltale-spark-job.jar
TESTKIT=$(cat "$DIR/spark.cp")
# What Spark's launcher gives its JVMs (JavaModuleOptions), as telltale-spark's surefire argLine.
OPENS=(-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "date: $(date), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in small big; do
  flows=$([ $kind = small ] && echo 1 || echo "$FLOWS")
  java -cp "$TESTKIT" org.telltale.testkit.batch.CaptureFolder "$DIR/$kind/in" 2026 "$N" "$flows" 10 >/dev/null
done
mb() { du -sb --exclude='*.canaries.*' "$1" | awk '{printf "%.1f", $1 / 1e6}'; }
run() { # name, corpus, command...
  local name=$1 corpus=$2; shift 2
  local out="$DIR/out-$(echo "$name" | tr -c 'a-z0-9\n' '-')-$corpus" start end
  start=$(date +%s.%N)
  "$@" "$DIR/$corpus/in" --out "$out" --canaries "$DIR/$corpus/all.canaries.yaml" > "$DIR/log" 2>&1 || { cat "$DIR/log"; exit 1; }
  end=$(date +%s.%N)
  python3 - "$name" "$corpus" "$start" "$end" "$N" "$(mb "$DIR/$corpus/in")" <<'PY'
import sys
name, corpus, start, end, n, mb = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
s = end - start
print(f"| {name} | {corpus} ({n} captures, {mb} MB) | {s:.1f} s | {n / s * 60:,.0f} | {mb / s:.2f} |")
PY
}
spark() { java -Xmx4g "${OPENS[@]}" -Dspark.master="local[$1]" -Dspark.ui.enabled=false -Dspark.sql.shuffle.partitions=8 \
  -cp "$JOB:$(cat "$DIR/spark.cp")" org.telltale.spark.SparkBatchJob "${@:2}"; }
batch() { java -XX:+UseSerialGC -jar "$CLI" batch --threads "$1" "${@:2}"; }
echo
echo "| run | corpus | wall | captures/min | MB/s |"
echo "|---|---|---|---|---|"
for corpus in small big; do
  run "telltale batch, 1 thread" $corpus batch 1
  run "telltale batch, 2 threads" $corpus batch 2
  run "Spark local[1]" $corpus spark 1
  run "Spark local[2]" $corpus spark 2
done
# Start-up alone: one capture of one flow.
mkdir -p "$DIR/one/in" && cp "$(find "$DIR/small/in" -name '*.har' | sort | head -1)" "$DIR/one/in/" && cp "$DIR/small/all.canaries.yaml" "$DIR/one/"
echo
echo "start-up (one capture of one flow):"
N=1 run "telltale batch, 1 thread" one batch 1
N=1 run "Spark local[1]" one spark 1
