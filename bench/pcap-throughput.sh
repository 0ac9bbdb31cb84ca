#!/usr/bin/env bash
# Times Telltale's pcap reader against tshark on the same generated capture.
# Usage: bench/pcap-throughput.sh [MEGABYTES]   (default 400)
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-400}
BUILD=target-pcapbench
FILE=$(mktemp -d)/synthetic.pcap
command -v tshark >/dev/null || apt-get install -y tshark
[ -x /usr/bin/time ] || apt-get install -y time
mvn -q -B -Dbuild.dir.name=$BUILD -pl telltale-bench -am package -DskipTests
CP=$(mvn -q -B -Dbuild.dir.name=$BUILD -pl telltale-bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
for m in telltale-api telltale-formats telltale-testkit telltale-core telltale-bench; do
  CP="$m/$BUILD/classes:$CP"
done
echo "generating $MB MB of HTTP conversations into $FILE"
java -cp "$CP" org.telltale.testkit.pcap.SyntheticCapture "$FILE" "$MB"
SIZE=$(stat -c %s "$FILE")
echo "== telltale"
/usr/bin/time -v java -cp "$CP" org.telltale.bench.PcapThroughput "$FILE" 2> /tmp/telltale-time.txt
grep -E "Elapsed|Maximum resident" /tmp/telltale-time.txt
echo "== tshark"
/usr/bin/time -v tshark -r "$FILE" -Y http.request -T fields -e http.host -e http.request.uri 2> /tmp/tshark-time.txt \
  | wc -l | sed 's/^/requests=/'
grep -E "Elapsed|Maximum resident" /tmp/tshark-time.txt
python3 - "$SIZE" <<'PY'
import re, sys
size = int(sys.argv[1]) / 1e6
for name in ("telltale", "tshark"):
    t = open(f"/tmp/{name}-time.txt").read()
    e = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
    secs = (int(e.group(1) or 0) * 3600) + int(e.group(2)) * 60 + float(e.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    print(f"{name}: {size / secs:.1f} MB/s, peak RSS {rss:.0f} MB")
PY
rm -f "$FILE"
