#!/usr/bin/env bash
# The intercepting proxy of `telltale record` next to mitmdump (mitmproxy 8.1.1, Debian), without and
# with -w (writing every flow to a file, as telltale record always writes every exchange into its
# case), and next to the origin reached directly, in the same run, all on loopback:
#   - HTTPS requests per second through CONNECT with TLS interception, POSTs of 1 KiB answered with
#     1 KiB: HTTP/1.1 keep-alive with 8 in flight (8 connections, one request at a time each); a new
#     TCP connection and full TLS handshake per request, 8 at a time (curl, OpenSSL, no resumption);
#     HTTP/2 with 8 streams in flight on one connection (the JDK's HttpClient);
#   - the latency a proxy adds: 1 request in flight, keep-alive, p50 and p99 minus the direct ones;
#   - memory: the proxy's RSS with 1,000 intercepted keep-alive connections held open (CONNECT, TLS
#     and one request each, then idle), and after N and 10 x N requests recorded by a fresh proxy
#     (for Java also the heap in use after a full GC).
# The origin is Debian's nginx with a test CA made here; the load generator is
# telltale-bench's ProxyLoad (HTTP/1.1 and HTTP/2), curl for the new connections. Every process is
# started here, with its own files under a temporary directory, and stopped on exit.
# `telltale record` is run through ./telltale, as a user runs it (TELLTALE_JAVA_OPTS is passed on).
# Usage: bench/proxy.sh [SECONDS] [N]   (SECONDS per measurement after a WARMUP of 5 s, default 20; N 10000)
# TARGETS="..." picks among: direct telltale mitmdump mitmdump-w, and two variants of telltale record:
# telltale-c1 (TELLTALE_JAVA_OPTS=-XX:TieredStopAtLevel=1: the C1 compiler alone) and telltale-openssl
# (--save-tls-keys, which switches both of its TLS sides from the JDK's TLS to netty-tcnative's BoringSSL).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
N=${2:-10000}
WARMUP=${WARMUP:-5}
HOLD=${HOLD:-1000}
TARGETS=${TARGETS:-"direct telltale mitmdump mitmdump-w"}
DIR=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$DIR"
}
trap cleanup EXIT
command -v nginx >/dev/null || apt-get install -y nginx-light
command -v mitmdump >/dev/null || apt-get install -y mitmproxy
command -v curl >/dev/null || apt-get install -y curl
ulimit -n "$(ulimit -Hn)"   # 1,000 connections through a proxy are 2,000 descriptors in it
mvn -B -o -q -Dstyle.color=never -pl telltale-cli,telltale-bench -am package -DskipTests
./telltale --version >/dev/null # the launcher finds its jar fresh and does not build again
GEN=(java -XX:+UseSerialGC -Xmx1g -cp telltale-bench/target/benchmarks.jar org.telltale.bench.ProxyLoad)
HZ=$(getconf CLK_TCK)

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "tools: $(mitmdump --version 2>/dev/null | head -1), $(nginx -v 2>&1 | cut -d' ' -f3), $(curl --version | head -1 | cut -d' ' -f1-2,5)"
echo "telltale: $(./telltale --version 2>&1 | head -1), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (uncommitted changes)'), TELLTALE_JAVA_OPTS='${TELLTALE_JAVA_OPTS:-}'"
echo "settings: ${DURATION} s per measurement after ${WARMUP} s of warm-up; hold ${HOLD} connections; growth after $N and $((10 * N)) requests"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- a test CA and the origin's certificate (EC P-256), and the bodies ---
PKI=$DIR/pki && mkdir -p "$PKI"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=telltale bench test CA" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
  -keyout "$PKI/ca.key" -out "$PKI/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" \
  -keyout "$PKI/leaf.key" -out "$PKI/leaf.csr" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$PKI/leaf.ext"
openssl x509 -req -in "$PKI/leaf.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" -CAcreateserial -days 2 \
  -extfile "$PKI/leaf.ext" -out "$PKI/leaf.pem" 2>/dev/null
"${GEN[@]}" body 1024 > "$DIR/body.json"
RESPONSE=$(python3 -c 'print("{\"ok\":true,\"pad\":\"" + ("the answer is the same every time " * 40)[:1024 - 20] + "\"}", end="")')
[ "${#RESPONSE}" = 1024 ] || { echo "response body is ${#RESPONSE} bytes"; exit 1; }

freeport() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
waitport() { # port pid: until something listens there, or the process has gone
  for _ in $(seq 240); do
    kill -0 "$2" 2>/dev/null || { echo "process $2 exited before listening on $1"; return 1; }
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "nothing listens on $1"; return 1
}
stop() { # pid: TERM, then KILL after 60 s
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 120); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
heap() { # MB in use after a full GC, for a JVM; "" otherwise
  [ "$(cat "/proc/$1/comm")" = java ] || return 0
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/(generation|heap) +total [0-9]+K, used [0-9]+K/ {
    for (i = 1; i <= NF; i++) if ($i == "used") { u += $(i + 1) + 0 } } END { printf "%.0f", u / 1024 }'
}
kv() { tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'; }
result() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$DIR/results.tsv"; }

NGX=$DIR/nginx && mkdir -p "$NGX/logs" "$NGX/tmp"
ORIGIN_PORT=$(freeport)
cat > "$NGX/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile 16384;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
daemon off;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  keepalive_timeout 600s;
  keepalive_requests 1000000000;
  default_type application/json;
  server {
    listen 127.0.0.1:$ORIGIN_PORT ssl http2;
    server_name localhost;
    ssl_certificate $PKI/leaf.pem;
    ssl_certificate_key $PKI/leaf.key;
    location / { return 200 '$RESPONSE'; }
  }
}
EOF
nginx -e "$NGX/logs/error.log" -p "$NGX" -c "$NGX/nginx.conf" &
NGINX=$!
PIDS+=("$NGINX")
waitport "$ORIGIN_PORT" "$NGINX"
URL=https://localhost:$ORIGIN_PORT/collect

# --- the proxies: each started fresh, its pid in PID, its address in PROXY, the CA its clients trust in CA ---
RUN=0
start() { # target
  RUN=$((RUN + 1))
  local port
  port=$(freeport)
  case $1 in
    direct) PID=; PROXY=; CA=$PKI/ca.pem; return 0 ;;
    telltale|telltale-c1|telltale-openssl)
      local opts=${TELLTALE_JAVA_OPTS:-} keys=()
      [ "$1" = telltale-c1 ] && opts="$opts -XX:TieredStopAtLevel=1"
      [ "$1" = telltale-openssl ] && keys=(--save-tls-keys "$DIR/tls-keys-$RUN.log")
      TELLTALE_JAVA_OPTS=$opts TELLTALE_HOME="$DIR/telltale-home" ./telltale record --case "$DIR/record-$RUN.case" \
        --upstream-ca "$PKI/ca.pem" --listen "127.0.0.1:$port" "${keys[@]}" < /dev/null > "$DIR/telltale-$RUN.log" 2>&1 &
      PID=$!; CA=$DIR/telltale-home/ca/ca.pem ;;
    mitmdump|mitmdump-w)
      local write=()
      [ "$1" = mitmdump-w ] && write=(-w "$DIR/flows-$RUN.mitm")
      mitmdump --listen-host 127.0.0.1 --listen-port "$port" --set confdir="$DIR/mitmproxy" \
        --set ssl_verify_upstream_trusted_ca="$PKI/ca.pem" "${write[@]}" < /dev/null > "$DIR/mitmdump-$RUN.log" 2>&1 &
      PID=$!; CA=$DIR/mitmproxy/mitmproxy-ca-cert.pem ;;
  esac
  PIDS+=("$PID")
  PROXY=127.0.0.1:$port
  waitport "$port" "$PID"
}
finish() { # target: stops the proxy and says what it recorded
  [ -n "$PID" ] || return 0
  stop "$PID"
  case $1 in
    telltale*) grep -o 'Recorded [0-9]* exchanges' "$DIR/telltale-$RUN.log" | tail -1 | sed 's/^/  telltale: /' || true
      echo "  case file: $(du -m "$DIR/record-$RUN.case" | cut -f1) MB" ;;
    mitmdump-w) echo "  flows file: $(du -m "$DIR/flows-$RUN.mitm" | cut -f1) MB" ;;
  esac
}
proxied() { [ -n "$PROXY" ] && echo --proxy "$PROXY" --pid "$PID" --hz "$HZ"; true; }

java_load() { # target key mode inflight: one measured run of ProxyLoad
  local line
  # shellcheck disable=SC2046
  line=$("${GEN[@]}" "$3" --url "$URL" --ca "$CA" $(proxied) --inflight "$4" --warmup "$WARMUP" --seconds "$DURATION")
  echo "  $2: $line"
  for k in rps p50_ms p99_ms proxy_cpu_ms_per_request errors protocol; do result "$1" "$2.$k" "$(echo "$line" | kv $k)"; done
}

newconn() { # target: a new connection per request, 8 at a time, with curl
  local args=(-s --parallel --parallel-max 8 --no-sessionid --http1.1 -H 'Connection: close' -H 'Content-Type: application/json'
    --cacert "$CA" --data-binary "@$DIR/body.json" -o /dev/null -w '%{stderr}%{time_total} %{http_code} %{num_connects}\n')
  [ -n "$PROXY" ] && args+=(--proxy "http://$PROXY")
  timeout -s INT "$WARMUP" curl "${args[@]}" "$URL?n=[1-10000000]" 2>/dev/null || true
  local c0=0 c1=0 t0 t1
  [ -n "$PID" ] && c0=$(sed 's/.*) //' "/proc/$PID/stat" | awk '{print $12 + $13}')
  t0=$(date +%s.%N)
  timeout -s INT "$DURATION" curl "${args[@]}" "$URL?n=[1-10000000]" 2> "$DIR/curl.txt" || true
  t1=$(date +%s.%N)
  [ -n "$PID" ] && c1=$(sed 's/.*) //' "/proc/$PID/stat" | awk '{print $12 + $13}')
  local line
  line=$(python3 - "$DIR/curl.txt" "$t0" "$t1" "$c0" "$c1" "$HZ" <<'PY'
import sys
path, t0, t1, c0, c1, hz = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
ok, errors, reused = [], 0, 0
for l in open(path, errors="replace"):
    f = l.split()
    if len(f) != 3 or not f[2].isdigit():
        continue
    if f[1] == "200":
        ok.append(float(f[0]) * 1000)
        reused += f[2] == "0"
    else:
        errors += 1
ok.sort()
p = lambda q: ok[round(q * (len(ok) - 1))] if ok else float("nan")
cpu = (c1 - c0) / hz
print(f"mode=newconn requests={len(ok)} seconds={t1 - t0:.2f} rps={len(ok) / (t1 - t0):.1f} p50_ms={p(0.5):.3f} "
      f"p99_ms={p(0.99):.3f} max_ms={p(1.0):.3f} errors={errors} reused_connections={reused} proxy_cpu_s={cpu:.2f} "
      f"proxy_cpu_ms_per_request={cpu * 1000 / len(ok) if ok else float('nan'):.3f}")
PY
)
  echo "  newconn: $line"
  for k in rps p50_ms p99_ms proxy_cpu_ms_per_request errors; do result "$1" "newconn.$k" "$(echo "$line" | kv $k)"; done
}

hold() { # target: HOLD intercepted keep-alive connections held open, the proxy's RSS and heap meanwhile
  result "$1" hold.rss_before "$(rss "$PID")"
  "${GEN[@]}" hold --url "$URL" --ca "$CA" --proxy "$PROXY" --inflight 8 --connections "$HOLD" --hold 3600 > "$DIR/hold.txt" 2>&1 &
  local g=$!
  PIDS+=("$g")
  for _ in $(seq 1200); do grep -q 'held=' "$DIR/hold.txt" && break; kill -0 $g 2>/dev/null || break; sleep 0.5; done
  sleep 3
  local line r h
  line=$(grep 'held=' "$DIR/hold.txt" || cat "$DIR/hold.txt")
  r=$(rss "$PID")
  h=$(heap "$PID")
  echo "  hold: $line; proxy RSS $r MB${h:+, heap after full GC $h MB}"
  result "$1" hold.held "$(echo "$line" | kv held)"
  result "$1" hold.rss "$r"
  result "$1" hold.heap "$h"
  stop "$g"
}

growth() { # target: a fresh proxy's RSS (and heap) after N and 10 x N requests recorded
  start "$1"
  local r0
  r0=$(rss "$PID")
  echo "$1, fresh, growth: RSS at start $r0 MB"
  result "$1" growth.0.rss "$r0"
  local line total=0 r h
  for n in "$N" "$((9 * N))"; do
    # shellcheck disable=SC2046
    line=$("${GEN[@]}" keepalive --url "$URL" --ca "$CA" $(proxied) --inflight 8 --requests "$n")
    total=$((total + n))
    r=$(rss "$PID")
    h=$(heap "$PID")
    echo "  after $total requests: RSS $r MB${h:+, heap after full GC $h MB}; $line"
    result "$1" "growth.$total.rss" "$r"
    result "$1" "growth.$total.heap" "$h"
  done
  finish "$1"
}

for target in $TARGETS; do
  echo
  echo "$target (load $(cut -d' ' -f1 /proc/loadavg)):"
  start "$target"
  # shellcheck disable=SC2046
  "${GEN[@]}" keepalive --url "$URL" --ca "$CA" $(proxied) --inflight 8 --warmup 0 --seconds 15 > /dev/null # JIT, caches
  java_load "$target" keepalive keepalive 8
  newconn "$target"
  java_load "$target" h2 h2 8
  java_load "$target" latency keepalive 1
  [ "$target" = direct ] || hold "$target"
  finish "$target"
done
for target in $TARGETS; do
  case $target in direct|telltale-*) ;; *) growth "$target" ;; esac # the variants differ in CPU, not in what they keep
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
stop "$NGINX"

python3 - "$DIR/results.tsv" "$N" <<'PY'
import sys
from collections import defaultdict
r = defaultdict(dict)
for line in open(sys.argv[1]):
    t, k, v = line.rstrip("\n").split("\t")
    r[t][k] = v
n = int(sys.argv[2])
targets = list(r)
def num(t, k):
    try:
        return float(r[t][k])
    except (KeyError, ValueError):
        return None
def f(x, fmt="{:,.0f}"):
    return "" if x is None else fmt.format(x)
print()
print("| target | keep-alive, 8 in flight: req/s | new TLS connection per request, 8 at a time: req/s | HTTP/2, 8 streams: req/s "
      "| added latency p50 / p99 (1 in flight), ms | RSS before → with %s connections held, MB | RSS at start / after %s / after %s requests recorded, MB |"
      % (f(num(targets[-1], "hold.held")) or "held", f"{n:,}", f"{10 * n:,}"))
print("|---|---|---|---|---|---|---|")
d = "direct" if "direct" in r else None
for t in targets:
    added = ""
    if d and t != d:
        p50, p99 = num(t, "latency.p50_ms"), num(t, "latency.p99_ms")
        d50, d99 = num(d, "latency.p50_ms"), num(d, "latency.p99_ms")
        if None not in (p50, p99, d50, d99):
            added = f"{p50 - d50:.3f} / {p99 - d99:.3f}"
    elif t == d:
        added = f"({f(num(t, 'latency.p50_ms'), '{:.3f}')} / {f(num(t, 'latency.p99_ms'), '{:.3f}')} total)"
    heap = lambda k: f" (heap {r[t][k]})" if r[t].get(k) else ""
    hold = f(num(t, "hold.rss_before")) + " → " + f(num(t, "hold.rss")) + heap("hold.heap") if "hold.rss" in r[t] else ""
    grow = ""
    if f"growth.{n}.rss" in r[t]:
        grow = f(num(t, "growth.0.rss")) + " / " + f(num(t, f"growth.{n}.rss")) + heap(f"growth.{n}.heap") + " / " \
            + f(num(t, f"growth.{10 * n}.rss")) + heap(f"growth.{10 * n}.heap")
    cells = []
    for m in ("keepalive", "newconn", "h2"):
        rps, cpu, err = num(t, m + ".rps"), num(t, m + ".proxy_cpu_ms_per_request"), num(t, m + ".errors")
        c = f(rps)
        if cpu is not None and t != d:
            c += f" ({cpu:.2f} ms CPU/req)"
        if err:
            c += f" [{err:.0f} errors]"
        cells.append(c)
    print(f"| {t} | " + " | ".join(cells) + f" | {added} | {hold} | {grow} |")
print()
for mine in (t for t in targets if t.startswith("telltale")):
    for other in ("mitmdump", "mitmdump-w"):
        if other not in r:
            continue
        ratios = []
        for m, name in (("keepalive", "keep-alive"), ("newconn", "new connection"), ("h2", "HTTP/2")):
            a, b = num(mine, m + ".rps"), num(other, m + ".rps")
            if a and b:
                ratios.append(f"{name} {a / b:.1f}x")
        print(f"{mine} / {other} throughput: " + ", ".join(ratios))
PY
