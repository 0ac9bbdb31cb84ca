#!/bin/sh
# Rebuilds Telltale's bundled attribution datasets from their upstream packages.
#   data/refresh-attribution.sh [REFERENCE_DIR]
# REFERENCE_DIR may hold newer xray-2020-companies.json, disconnect*.json and exodus-trackers.json; without it
# only the IP datasets (npm) and EasyPrivacy (Debian package webext-ublock-origin-firefox, if installed) are rebuilt.
# Needs: npm, a JDK 17+, Maven. The output lands in telltale-attribute/src/main/resources/org/telltale/attribute/data,
# ready to review with `git diff --stat` and commit. Telltale itself never downloads anything.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/telltale-attribute/src/main/resources/org/telltale/attribute/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent @ip-location-db/asn @ip-location-db/geo-whois-asn-country)

if [ "$#" -ge 1 ]; then
  for f in "$1"/xray-2020-companies.json "$1"/disconnect*.json "$1"/exodus-trackers.json; do
    [ -f "$f" ] && cp "$f" "$work/"
  done
fi

easyprivacy=$(find /usr/share/mozilla /usr/share/chromium /usr/share/webext -name easyprivacy.txt 2>/dev/null | head -n 1 || true)
if [ -n "$easyprivacy" ]; then
  cp "$easyprivacy" "$work/easyprivacy.txt"
  version=$(dpkg-query -W -f='${Version}' webext-ublock-origin-firefox 2>/dev/null || echo unknown)
  echo "webext-ublock-origin $version" > "$work/easyprivacy.txt.version"
fi

cd "$root"
mvn -q -B -Dbuild.dir.name=target-data -pl telltale-attribute -am compile
mvn -q -B -Dbuild.dir.name=target-data -pl telltale-attribute dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=runtime
java -cp "telltale-attribute/target-data/classes:telltale-api/target-data/classes:$(cat "$work/classpath.txt")" \
  org.telltale.attribute.build.DatasetBuilder --from "$work" --out "$out"
