#!/usr/bin/env bash
# Whole-process timing of `telltale analyze` as a user runs it (the ./telltale launcher), next to the
# tool a user would otherwise pick, in the same run:
#  - real page loads: the pagexray HAR files five times over, JSON output with attribution, against
#    TrackHAR 1.0 (npm `trackhar`, process() over the same HAR);
#  - a generated pcap of HTTP conversations (default 250 MB), against the same command at a baseline
#    commit (default: the last commit before the per-exchange engine), built in a temporary worktree.
# Each command runs RUNS times (default 5); the median wall time, CPU time and peak RSS are printed.
# The breakdown for the page loads is by subtraction: start-up (--version), reading alone
# (CaptureThroughput), analysis without attribution to /dev/null, with attribution, with the JSON file.
# Usage: bench/whole-process.sh [PCAP_MB] [BASELINE_REV]
set -euo pipefail
cd "$(dirname "$0")/.."
PCAP_MB=${1:-250}
BASELINE=${2:-b4d8efa}
RUNS=${RUNS:-5}
OUT=bench/out/whole-process
mkdir -p "$OUT"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"; git worktree remove --force "$DIR/baseline" 2>/dev/null || true' EXIT
[ -x /usr/bin/time ] || apt-get install -y time

./telltale --version >/dev/null
BUILD=target-wholebench
mvn -q -B -Dbuild.dir.name=$BUILD -pl telltale-bench -am package -DskipTests
# The benchmarks jar carries every module and dependency.
CP=telltale-bench/$BUILD/benchmarks.jar

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), node $(node --version)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), load before: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$DIR/pages5.har" <<'PY'
import json, sys
entries = []
for f in ["www.nytimes.com.har", "expressen.har"]:
    with open("telltale-formats/src/test/resources/har/" + f, encoding="utf-8-sig") as h:
        entries += json.load(h)["log"]["entries"]
json.dump({"log": {"version": "1.2", "creator": {"name": "pagexray x5", "version": "1"}, "entries": entries * 5}},
          open(sys.argv[1], "w"))
print(f"pages5.har: {len(entries) * 5} entries")
PY
java -cp "$CP" org.telltale.testkit.pcap.SyntheticCapture "$DIR/s.pcap" "$PCAP_MB" >/dev/null
echo "s.pcap: $(($(stat -c %s "$DIR/s.pcap") / 1000000)) MB"

if [ ! -d "$OUT/trackhar/node_modules/trackhar" ]; then
  (cd "$OUT" && mkdir -p trackhar && cd trackhar && npm init -y >/dev/null && npm install --silent trackhar@1.0.0 >/dev/null)
fi
cat > "$OUT/trackhar/run.mjs" <<'JS'
import { readFile } from 'fs/promises';
import { process as processHar } from 'trackhar';
const har = JSON.parse(await readFile(process.argv[2], 'utf-8'));
const data = await processHar(har);
let n = 0; for (const r of data) if (r) n += r.length;
console.log(`trackhar: ${data.length} requests, ${n} transmissions`);
JS

git worktree add -q "$DIR/baseline" "$BASELINE"
(cd "$DIR/baseline" && mvn -q -B -DskipTests -pl telltale-cli -am package)

# median of RUNS runs: label, then the command
bench() {
  local label=$1; shift
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$DIR/t.$i" "$@" > "$DIR/stdout" 2> "$DIR/stderr" || true
  done
  python3 - "$label" "$DIR" "$RUNS" <<'PY'
import statistics, sys
label, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [list(map(float, open(f"{d}/t.{i}").read().split()[-4:])) for i in range(1, n + 1)]
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] + r[2] for r in rows)
rss = statistics.median(r[3] for r in rows) / 1024
print(f"| {label} | {wall:.2f} s (min {min(r[0] for r in rows):.2f}, max {max(r[0] for r in rows):.2f}) | {cpu:.2f} s | {rss:.0f} MB |")
PY
}

echo
echo "| command | wall, median of $RUNS | CPU (user+sys), median | peak RSS, median |"
echo "|---|---|---|---|"
bench "telltale --version (start-up)" ./telltale --version
bench "reading pages5.har alone (CaptureThroughput)" java -cp "$CP" org.telltale.bench.CaptureThroughput "$DIR/pages5.har"
bench "analyze pages5.har --no-attribution --format jsonl -o /dev/null" ./telltale analyze "$DIR/pages5.har" --no-attribution --format jsonl -o /dev/null --no-progress
bench "analyze pages5.har --format jsonl -o /dev/null" ./telltale analyze "$DIR/pages5.har" --format jsonl -o /dev/null --no-progress
bench "**analyze pages5.har --format json -o FILE**" ./telltale analyze "$DIR/pages5.har" --format json -o "$DIR/r.json" --no-progress
bench "**TrackHAR 1.0 process() on pages5.har**" node "$OUT/trackhar/run.mjs" "$DIR/pages5.har"
bench "baseline $BASELINE: analyze pages5.har --format json" java -jar "$DIR/baseline/telltale-cli/target/telltale.jar" analyze "$DIR/pages5.har" --format json -o "$DIR/r0.json" --no-progress
bench "reading s.pcap alone (CaptureThroughput)" java -cp "$CP" org.telltale.bench.CaptureThroughput "$DIR/s.pcap"
bench "**analyze s.pcap --format json -o FILE**" ./telltale analyze "$DIR/s.pcap" --format json -o "$DIR/p.json" --no-progress
bench "**baseline $BASELINE: analyze s.pcap --format json**" java -jar "$DIR/baseline/telltale-cli/target/telltale.jar" analyze "$DIR/s.pcap" --format json -o "$DIR/p0.json" --no-progress
python3 - "$DIR" <<'PY'
import json, sys
d = sys.argv[1]
for name in ("r", "r0", "p", "p0"):
    r = json.load(open(f"{d}/{name}.json"))
    print(f"{name}.json: {len(r['flows'])} flows, {len(r['findings'])} findings")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
