#!/usr/bin/env bash
# The HTML report of a large case: how long `telltale report` takes and how big the file is for a
# case of about 100,000 findings, and how long headless Chromium takes until the page is usable (the
# page records performance.now() when it has drawn itself; `chromium --dump-dom` prints it). Next
# to it, in the same run, the JSON document `analyze --format json` writes of the same case, the
# output a user would otherwise open.
# Usage: bench/report.sh [EXCHANGES]   (default 50000: two findings each, so about 100,000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50000}
DIR=${BENCH_DIR:-$(mktemp -d)}
trap '[ -z "${BENCH_DIR:-}" ] && rm -rf "$DIR"' EXIT
[ -x /usr/bin/time ] || apt-get install -y time
command -v chromium >/dev/null || apt-get install -y chromium
mvn -q -B -Dstyle.color=never -DskipTests -pl telltale-cli -am package
JAR=telltale-cli/target/telltale.jar
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), $(chromium --version 2>/dev/null)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# N requests to five tracker hosts; each sends one of 20 planted searches, in its URL and in its JSON body.
python3 bench/json_posts_har.py "$N" "$DIR/h.har" report
python3 - "$DIR/h.har" <<'PY'
import sys
with open(sys.argv[1] + ".canaries.yaml", "w") as c:
    c.write("canaries:\n")
    for k in range(20):
        c.write('  - id: search-%d\n    type: search\n    value: "purple elephant %d"\n' % (k, 4900 + k))
    c.write("sessions:\n  - label: incognito\n    start: 2020-04-21T10:00:00Z\n    end: 2020-04-21T11:00:00Z\n")
PY
CASE="$DIR/big.case"
java -jar "$JAR" import "$DIR/h.har" --case "$CASE" --canaries "$DIR/h.har.canaries.yaml" --no-progress >/dev/null
java -jar "$JAR" analyze "$CASE" --format jsonl -o /dev/null --no-progress
echo "findings in the case: $(sqlite3 "$CASE" 'SELECT count(*) FROM findings WHERE run_id = (SELECT max(id) FROM runs)' 2>/dev/null || echo '?')"

measure() { # label, output file, command...
  local label=$1 out=$2; shift 2
  /usr/bin/time -f '%e %M' -o "$DIR/time" "$@" >/dev/null
  read -r wall rss < "$DIR/time"
  printf '%-38s %7.1f s %7.0f MB peak RSS %8.1f MB file\n' "$label" "$wall" "$((rss / 1024))" \
    "$(echo "$(stat -c %s "$out") / 1048576" | bc -l)"
}
measure "telltale report (HTML)" "$DIR/report.html" java -jar "$JAR" report "$CASE" -o "$DIR/report.html"
measure "telltale report, 768 MB heap" "$DIR/report.html" java -Xmx768m -jar "$JAR" report "$CASE" -o "$DIR/report.html"
measure "telltale analyze --format json (JSON)" "$DIR/report.json" java -jar "$JAR" analyze "$CASE" --format json -o "$DIR/report.json" --no-progress

echo "headless Chromium until the page is usable (2 loads, ms from navigation to drawn):"
for i in 1 2; do
  profile=$(mktemp -d)
  start=$(date +%s%N)
  dom=$(timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" --virtual-time-budget=600000 \
    --dump-dom "file://$DIR/report.html" 2>/dev/null)
  end=$(date +%s%N)
  rm -rf "$profile"
  ready=$(printf '%s' "$dom" | grep -o 'data-ready-ms="[0-9]*"' | head -1 | grep -o '[0-9]*' || echo "?")
  groups=$(printf '%s' "$dom" | grep -o 'class="group"' | wc -l)
  echo "  load $i: usable after $ready ms (page's own clock); chromium process $(( (end - start) / 1000000 )) ms; $groups groups drawn"
done
