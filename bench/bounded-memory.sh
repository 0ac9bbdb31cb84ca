#!/usr/bin/env bash
# Shows that `telltale analyze` runs in bounded memory whatever the size of the capture: a generated
# pcap of HTTP conversations (default 1,000 MB) and a generated HAR of 1,000,000 entries, each analysed
# with a 256 MB heap in every output format; prints the exit code, wall time, peak RSS and what came out.
# Usage: bench/bounded-memory.sh [PCAP_MB] [HAR_ENTRIES]
set -euo pipefail
cd "$(dirname "$0")/.."
PCAP_MB=${1:-1000}
ENTRIES=${2:-1000000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
[ -x /usr/bin/time ] || apt-get install -y time
./telltale --version >/dev/null
BUILD=target-memorybench
mvn -q -B -Dbuild.dir.name=$BUILD -pl telltale-bench -am package -DskipTests
# The benchmarks jar carries every module and dependency, the testkit's capture writer among them.
CP=telltale-bench/$BUILD/benchmarks.jar
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" org.telltale.testkit.pcap.SyntheticCapture "$DIR/big.pcap" "$PCAP_MB" >/dev/null
# Every tenth entry sends an e-mail address, so findings grow with the file too.
python3 - "$DIR/big.har" "$ENTRIES" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as w:
    w.write('{"log":{"version":"1.2","creator":{"name":"bounded-memory","version":"1"},"entries":[')
    for i in range(n):
        body = f"n={i}" + (f"&email=user{i}%40posteo.de" if i % 10 == 0 else "")
        w.write(("," if i else "") + '{"startedDateTime":"2024-05-01T10:00:00.000Z","time":1,"request":{"method":"POST",'
                f'"url":"https://collect.tracker.example/e?i={i}","httpVersion":"HTTP/1.1","headers":[{{"name":'
                '"Content-Type","value":"application/x-www-form-urlencoded"}],"queryString":[],"cookies":[],'
                f'"headersSize":-1,"bodySize":{len(body)},"postData":{{"mimeType":"application/x-www-form-urlencoded",'
                f'"text":"{body}"}}}},"response":{{"status":204,"statusText":"","httpVersion":"HTTP/1.1","headers":[],'
                '"cookies":[],"content":{"size":0,"mimeType":""},"redirectURL":"","headersSize":-1,"bodySize":0},'
                '"cache":{},"timings":{"send":0,"wait":1,"receive":0}}')
    w.write("]}}")
PY
echo "big.pcap: $(($(stat -c %s "$DIR/big.pcap") / 1000000)) MB; big.har: $ENTRIES entries, $(($(stat -c %s "$DIR/big.har") / 1000000)) MB"
echo
echo "| input | format | exit | wall | peak RSS | output |"
echo "|---|---|---|---|---|---|"
for input in big.pcap big.har; do
  for format in jsonl json text; do
    code=0
    TELLTALE_JAVA_OPTS=-Xmx256m /usr/bin/time -f "%e %M" -o "$DIR/t" ./telltale analyze "$DIR/$input" \
      --format $format -o "$DIR/out" --no-progress 2> "$DIR/err" || code=$?
    read -r wall rss < <(tail -1 "$DIR/t")
    what=$(python3 - "$DIR/out" "$format" <<'PY'
import json, sys
path, fmt = sys.argv[1], sys.argv[2]
if fmt == "jsonl":
    types = {}
    for line in open(path):
        t = json.loads(line)["type"]
        types[t] = types.get(t, 0) + 1
    print(f"{types.get('flow', 0)} flows, {types.get('finding', 0)} findings")
elif fmt == "json":
    r = json.load(open(path))
    print(f"{len(r['flows'])} flows, {len(r['findings'])} findings")
else:
    print(open(path).readline().strip()[:90])
PY
)
    echo "| $input | $format | $code | ${wall} s | $((rss / 1024)) MB | $what $(head -c 200 "$DIR/err" | tr '\n' ' ') |"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
