#!/usr/bin/env bash
# MB/s through each firmware container the scan reads: builds a system partition of about MB megabytes
# (default 200) from copies of the real APKs in telltale-apk's test resources, packs it as raw ext4, sparse,
# payload.bin (one run per operation type), system.new.dat(.br), super.img and EROFS (plain and LZ4), and
# walks each with FirmwareWalker, reading every file it hands over; beside each, the Debian tool a user would
# otherwise run on the same file (debugfs rdump, simg2img, fsck.erofs --extract).
# Needs e2fsprogs, android-sdk-libsparse-utils, erofs-utils and brotli. Usage: bench/firmware-throughput.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-200}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
# One reactor run, so the sibling modules resolve to their classes; each module writes the file, telltale-apk last.
mvn -q -B -o -pl telltale-apk -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$DIR/cp.txt"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "telltale-apk/target/test-classes:telltale-apk/target/classes:$(cat "$DIR/cp.txt")" \
  org.telltale.apk.firmware.FirmwareThroughput "$DIR" "$MB"
