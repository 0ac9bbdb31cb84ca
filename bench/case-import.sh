#!/usr/bin/env bash
# Times `telltale import` into a case file at several sizes (exchanges/s and MB/s of HAR read, peak
# RSS with a 256 MiB heap), then analyses the largest case and times the queries a report makes of
# it (findings by organisation, country, kind and session; one page of 100) with the sqlite3 shell.
# Usage: bench/case-import.sh [SIZES...]   (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10000 100000 1000000}")
[ $# -eq 0 ] && SIZES=(10000 100000 1000000)
DIR=${BENCH_DIR:-$(mktemp -d)}
trap '[ -z "${BENCH_DIR:-}" ] && rm -rf "$DIR"' EXIT
command -v sqlite3 >/dev/null || apt-get install -y sqlite3
[ -x /usr/bin/time ] || apt-get install -y time
mvn -q -B -Dstyle.color=never -DskipTests -pl telltale-cli -am package
JAR=telltale-cli/target/telltale.jar
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# A HAR of N small exchanges to a few tracker hosts; one in 50 sends a planted search (a finding).
gen() {
  python3 bench/json_posts_har.py "$1" "$2" import
}
cat > "$DIR/canaries.yaml" <<'Y'
canaries:
  - id: search-incognito
    type: search
    value: "purple elephant 4921"
sessions:
  - label: incognito
    start: 2020-04-21T09:10:00Z
    end: 2020-04-21T09:20:00Z
Y

printf '%-9s %9s %8s %11s %7s %9s %9s\n' exchanges "HAR MB" "wall s" exchanges/s "MB/s" "RSS MB" "case MB"
for n in "${SIZES[@]}"; do
  gen "$n" "$DIR/h$n.har"
  rm -f "$DIR/c$n.case"*
  JAVA_TOOL_OPTIONS=-Xmx256m /usr/bin/time -f '%e %M' -o "$DIR/time" \
    java -jar "$JAR" import "$DIR/h$n.har" --case "$DIR/c$n.case" --no-progress >/dev/null 2>"$DIR/err" || { cat "$DIR/err"; exit 1; }
  read -r wall rss < "$DIR/time"
  mb=$(du -m --apparent-size "$DIR/h$n.har" | cut -f1)
  cmb=$(du -m --apparent-size "$DIR/c$n.case" | cut -f1)
  awk -v n="$n" -v mb="$mb" -v w="$wall" -v r="$rss" -v c="$cmb" \
    'BEGIN { printf "%-9d %9d %8.1f %11.0f %7.1f %9.0f %9d\n", n, mb, w, n / w, mb / w, r / 1024, c }'
done

big=${SIZES[-1]}
CASE="$DIR/c$big.case"
echo "analysis of the $big-exchange case (JSON lines to /dev/null, run written into the case):"
JAVA_TOOL_OPTIONS=-Xmx256m /usr/bin/time -f '%e s wall, %M KB peak RSS' \
  java -jar "$JAR" analyze "$CASE" --canaries "$DIR/canaries.yaml" --format jsonl -o /dev/null --no-progress
sqlite3 "$CASE" "SELECT 'findings in the latest run: ' || count(*) FROM findings WHERE run_id = (SELECT max(id) FROM runs)"
echo "report queries on it (sqlite3 .timer; the SQL of RunQueries; run after a warm-up pass):"
RUN="(SELECT max(id) FROM runs WHERE ended_at IS NOT NULL)"
for q in \
  "SELECT coalesce(d.organization, d.registrable_domain, d.host, d.ip) AS g, sum(f.n) AS n FROM (SELECT destination_id, count(*) AS n FROM findings WHERE run_id = $RUN GROUP BY destination_id) f LEFT JOIN destinations d ON d.id = f.destination_id GROUP BY g ORDER BY n DESC, g" \
  "SELECT d.country AS g, sum(f.n) AS n FROM (SELECT destination_id, count(*) AS n FROM findings WHERE run_id = $RUN GROUP BY destination_id) f LEFT JOIN destinations d ON d.id = f.destination_id GROUP BY g ORDER BY n DESC, g" \
  "SELECT f.kind AS g, count(*) AS n FROM findings f WHERE f.run_id = $RUN GROUP BY g ORDER BY n DESC, g" \
  "SELECT f.session AS g, count(*) AS n FROM findings f WHERE f.run_id = $RUN GROUP BY g ORDER BY n DESC, g" \
  "SELECT f.id, f.flow_index, f.kind, f.canary, f.value, f.location, d.host, d.organization FROM findings f LEFT JOIN destinations d ON d.id = f.destination_id WHERE f.run_id = $RUN AND f.id > 0 ORDER BY f.id LIMIT 100" \
  "SELECT f.id, f.flow_index, f.kind FROM findings f WHERE f.run_id = $RUN AND f.id > (SELECT max(id) - 150 FROM findings) ORDER BY f.id LIMIT 100"; do
  sqlite3 "$CASE" "$q" >/dev/null
  echo "  $(echo "$q" | cut -c1-70)..."
  printf '.timer on\n%s;\n' "$q" | sqlite3 "$CASE" | grep '^Run Time' | sed 's/^/    /'
done
