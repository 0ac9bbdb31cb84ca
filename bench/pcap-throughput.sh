#!/usr/bin/env bash
# Times Telltale's pcap reader against tshark on generated captures, and shows that the reader's
# memory does not grow with the file: Telltale reads a small and a large capture with the same small
# fixed heap, and its peak RSS is recorded for both; tshark reads the small one.
# Usage: bench/pcap-throughput.sh [SMALL_MB] [LARGE_MB]   (defaults 300 and 1100)
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=${1:-300}
LARGE=${2:-1100}
HEAP=-Xmx256m
BUILD=target-pcapbench
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
command -v tshark >/dev/null || apt-get install -y tshark
[ -x /usr/bin/time ] || apt-get install -y time
mvn -q -B -Dbuild.dir.name=$BUILD -pl telltale-bench -am package -DskipTests
# The benchmarks jar carries every module and dependency.
CP=telltale-bench/$BUILD/benchmarks.jar
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for mb in "$SMALL" "$LARGE"; do
  echo "generating $mb MB of HTTP conversations"
  java -cp "$CP" org.telltale.testkit.pcap.SyntheticCapture "$DIR/s$mb.pcap" "$mb" >/dev/null
done

# one line per run: name, file size, wall seconds, CPU seconds (user + sys), peak RSS
measure() {
  local name=$1 file=$2 timefile=$3
  python3 - "$name" "$(stat -c %s "$file")" "$timefile" <<'PY'
import re, sys
name, size, path = sys.argv[1], int(sys.argv[2]) / 1e6, sys.argv[3]
t = open(path).read()
e = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
wall = int(e.group(1) or 0) * 3600 + int(e.group(2)) * 60 + float(e.group(3))
cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", t).group(1)) for k in ("User", "System"))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
print(f"{name}: {size:.0f} MB in {wall:.2f} s wall = {size / wall:.1f} MB/s; "
      f"{cpu:.2f} s CPU = {size / cpu:.1f} MB per CPU-second; peak RSS {rss:.0f} MB")
PY
}

for mb in "$SMALL" "$LARGE"; do
  echo "== telltale $HEAP, $mb MB"
  /usr/bin/time -v java $HEAP -cp "$CP" org.telltale.bench.CaptureThroughput "$DIR/s$mb.pcap" 2> "$DIR/telltale-$mb.txt"
  measure "telltale $mb MB" "$DIR/s$mb.pcap" "$DIR/telltale-$mb.txt" | tee -a "$DIR/summary.txt"
done
echo "== tshark, $SMALL MB (not on $LARGE MB: its memory grows with the file and it takes minutes)"
/usr/bin/time -v tshark -r "$DIR/s$SMALL.pcap" -Y http.request -T fields -e http.host -e http.request.uri \
  2> "$DIR/tshark-$SMALL.txt" | wc -l | sed 's/^/requests=/'
measure "tshark $SMALL MB" "$DIR/s$SMALL.pcap" "$DIR/tshark-$SMALL.txt" | tee -a "$DIR/summary.txt"
python3 - "$DIR/summary.txt" "$SMALL" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
def figures(prefix):
    l = next(x for x in lines if x.startswith(prefix))
    return [float(v) for v in re.findall(r"= ([\d.]+) MB", l)]
t, s = figures(f"telltale {sys.argv[2]} MB"), figures(f"tshark {sys.argv[2]} MB")
print(f"telltale / tshark on {sys.argv[2]} MB: {t[0] / s[0]:.1f}x wall-clock throughput, "
      f"{t[1] / s[1]:.1f}x per CPU-second")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
