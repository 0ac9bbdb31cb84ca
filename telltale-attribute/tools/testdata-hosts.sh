#!/bin/sh
# Lists the host names seen in the real captures of ../shared/testdata, for AttributionCoverageTest:
#   tools/testdata-hosts.sh /work/shared/testdata > src/test/resources/org/telltale/attribute/testdata-hosts.tsv
# pcap/pcapng (pcap/ndpi, pcap/pcapdroid): HTTP Host, TLS SNI, DNS query names and HTTP/2 :authority, by tshark;
# HAR (har/pagexray, mitmproxy/har_files, mitmproxy/flows): the host of each request URL, by jq.
# Run once and checked in, so the test runs on a clone without the captures (7 MB of pcaps).
set -eu
data=$1
echo "# capture	host (written by tools/testdata-hosts.sh; tshark $(tshark -v 2>/dev/null | head -n 1 | awk '{print $3}'))"
{
  for f in "$data"/pcap/ndpi/* "$data"/pcap/pcapdroid/*; do
    b=$(basename "$f")
    tshark -r "$f" -T fields -e http.host -e tls.handshake.extensions_server_name -e dns.qry.name \
        -e http2.headers.authority 2>/dev/null | tr '\t,' '\n\n' | sed '/^$/d' | awk -v b="$b" '{print b "\t" $0}'
  done
  for f in "$data"/har/pagexray/*.har "$data"/mitmproxy/har_files/*.har "$data"/mitmproxy/flows/*.har; do
    b=$(basename "$f")
    jq -r '.log.entries[].request.url' "$f" | sed -E 's|^[a-zA-Z]+://([^/?#]*).*|\1|' | awk -v b="$b" '{print b "\t" $0}'
  done
} | LC_ALL=C sort -u
