#!/usr/bin/env bash
# Telltale next to TrackHAR 1.0.0 (tweaselORG; per-endpoint adapters, the tool researchers use to say
# what trackers receive) on the same real HAR files, in the same run:
#   - which identifiers TrackHAR's adapters name (device, user, browser, session, installation and
#     advertising IDs, push tokens), and how many of them Telltale reports in the same request with no
#     canary file (by value: the same value, or one inside the other);
#   - each whole process's wall time (node with TrackHAR; ./telltale analyze, JVM start included).
# TrackHAR is installed from the npm registry at the version pinned in bench/trackhar/package-lock.json.
# Usage: bench/trackhar.sh [HAR...]   (default: the pagexray page loads and mitmproxy's HAR files)
set -euo pipefail
cd "$(dirname "$0")/.."
HARS=("$@")
if [ ${#HARS[@]} -eq 0 ]; then
  HARS=(telltale-formats/src/test/resources/har/www.nytimes.com.har telltale-formats/src/test/resources/har/expressen.har
        telltale-formats/src/test/resources/har/{chrome,firefox,safari,charles,insomnia,postdata}.har)
fi
(cd bench/trackhar && [ -d node_modules/trackhar ] || npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
./telltale analyze "${HARS[0]}" --no-progress >/dev/null 2>&1 || true   # builds the jar once, outside the timings
for har in "${HARS[@]}"; do
  name=$(basename "$har")
  t0=$(date +%s%N)
  ./telltale analyze "$har" --format json --output "$OUT/$name.json" --no-progress >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  node bench/trackhar/compare.mjs "$har" "$OUT/$name.json" > "$OUT/$name.cmp"
  t2=$(date +%s%N)
  echo "== $name: telltale $(( (t1 - t0) / 1000000 )) ms whole process; trackhar+compare $(( (t2 - t1) / 1000000 )) ms whole process"
  cat "$OUT/$name.cmp"
done
