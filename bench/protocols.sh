#!/usr/bin/env bash
# Benchmarks: Salvo against the reference client of each protocol, on the same nginx target, each
# client pinned to the same single core (0) and nginx to the other (1). Closed model. Each case
# prints both figures, the share of its core each client used, and the ratios, from one run:
#
#   http/1.1   wrk                       vs salvo (50 connections)
#   https      wrk (TLS, keep-alive)     vs salvo with OpenSSL, and salvo with the JDK's TLS
#   h2         h2load (TLS, ALPN h2)     vs salvo, the same connections and streams per connection
#   flow       salvo, a static two-request flow vs the same flow with templates, a feeder,
#              extraction and checks (same target, same users)
#   handshake  salvo with OpenSSL vs salvo with the JDK's TLS against a server that closes every
#              connection after one response: a TLS handshake per request
#
#   bench/protocols.sh [seconds (default 15)] [connections (default 50)] [h2 connections (10)] [h2 streams (10)]
#
# Needs wrk, h2load, nginx and openssl (Debian packages wrk, nghttp2-client, nginx-light,
# openssl; installed with apt-get when missing and run as root). Every failed request counts: a
# case whose Salvo run has errors says so.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-15}"
connections="${2:-50}"
h2c="${3:-10}"
h2m="${4:-10}"
warmup=5
client_core=0
target_core=1
work="$(mktemp -d)"
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v h2load >/dev/null || need+=(nghttp2-client)
command -v nginx >/dev/null || need+=(nginx-light)
command -v bc >/dev/null || need+=(bc)
command -v openssl >/dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "$(nproc)" -lt 2 ]; then
  echo "needs two cores: one for the client, one for the target" >&2
  exit 2
fi

# A CA and a certificate for 127.0.0.1, so Salvo verifies the server as it would in production.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=bench CA" \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' > "$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
  -days 2 -extfile "$work/san.ext" -out "$work/server.pem" 2>/dev/null

plain=18080; tls=18443; oneshot=18444
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 100000000;
  http2_max_concurrent_streams 1024;
  ssl_protocols TLSv1.2 TLSv1.3;
  server {
    listen 127.0.0.1:$plain;
    location / { return 200 "ok"; }
    location /json {
      default_type application/json;
      return 200 '{"token":"t-8f2a61c3","id":42,"items":[{"id":7,"sku":"SKU-7"},{"id":9,"sku":"SKU-9"}]}';
    }
  }
  server {
    listen 127.0.0.1:$tls ssl http2;
    ssl_certificate $work/server.pem;
    ssl_certificate_key $work/server.key;
    location / { return 200 "ok"; }
  }
  server {
    listen 127.0.0.1:$oneshot ssl;
    ssl_certificate $work/server.pem;
    ssl_certificate_key $work/server.key;
    ssl_session_cache off;
    ssl_session_tickets off;
    keepalive_timeout 0;
    location / { return 200 "ok"; }
  }
}
CONF
taskset -c "$target_core" nginx -c "$work/nginx.conf" &
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$plain/" >/dev/null && break; sleep 0.1; done

"$here/salvo" --version >/dev/null  # builds the CLI on first use, outside the measurements

# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

# A reference client: runs "$@" pinned, after the same warm-up; prints "req/s core-share".
reference() {
  local parse="$1"; shift
  local warm=("${@}")
  taskset -c "$client_core" "$@" >/dev/null 2>&1 || true
  taskset -c "$client_core" "$@" > "$work/ref.out" 2>&1 &
  local pid=$!
  sleep 1
  local c0 t0 c1 t1
  c0=$(cpu_of "$pid"); t0=$(date +%s.%N)
  sleep $((seconds - 2))
  c1=$(cpu_of "$pid"); t1=$(date +%s.%N)
  wait "$pid"
  local rps
  rps=$(eval "$parse" < "$work/ref.out")
  echo "$rps $(echo "($c1 - $c0) / ($t1 - $t0)" | bc -l)"
}

# Salvo: one event loop on the same core; the live lines tell when the warm-up is over. Prints
# "req/s core-share errors".
salvo() {
  local out="$work/salvo-$RANDOM"
  taskset -c "$client_core" "$here/salvo" run --threads 1 --out "$out" "$@" > "$out.log" 2>&1 &
  local pid=$!
  local first=$((warmup + 2)) last=$((warmup + seconds - 1))
  while ! grep -q "^\[ *${first}s\]" "$out.log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$out.log" >&2; exit 1; fi
    sleep 0.05
  done
  local java_pid
  java_pid=$(pgrep -P "$pid" java || echo "$pid")
  local c0 t0 c1 t1
  c0=$(cpu_of "$java_pid"); t0=$(date +%s.%N)
  while ! grep -q "^\[ *${last}s\]" "$out.log" 2>/dev/null; do sleep 0.05; done
  c1=$(cpu_of "$java_pid"); t1=$(date +%s.%N)
  wait "$pid" || true
  python3 - "$out/report.json" "$c0" "$t0" "$c1" "$t1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["total"]
c0, t0, c1, t1 = map(float, sys.argv[2:6])
hs = s.get("tlsHandshakeMs") or {}
print(round(s["throughput"]), (c1 - c0) / (t1 - t0), s["errors"], hs.get("p50", 0), hs.get("p99", 0))
PY
}

row() { # label rps util [errors]
  printf '%-26s %10.0f %8.0f%% %15.0f' "$1" "$2" "$(echo "$3*100" | bc -l)" "$(echo "$2/$3" | bc -l)"
  if [ -n "${4:-}" ]; then printf '   errors %s' "$4"; fi
  printf '\n'
}
ratio() { # label a-rps a-util b-rps b-util
  printf '  %s: %.2f x req/s, %.2f x req/s per core used\n' "$1" \
    "$(echo "$2/$4" | bc -l)" "$(echo "($2/$3)/($4/$5)" | bc -l)"
}

wrk_rps='awk "/Requests\/sec/ { print \$2 }"'
h2load_rps='awk "/^finished in/ { for (i = 1; i <= NF; i++) if (\$(i+1) == \"req/s,\") print \$i }"'
closed=(--users "$connections" --connections "$connections" --warmup "${warmup}s" --duration "${seconds}s")

printf '\n%ss measured after a %ss warm-up; client on core %s, nginx on core %s\n' \
  "$seconds" "$warmup" "$client_core" "$target_core"
printf '%-26s %10s %9s %15s\n' case "req/s" "core used" "req/s per core"

# 1. HTTP/1.1 plain
read -r w_rps w_util < <(reference "$wrk_rps" wrk -t1 -c"$connections" -d"${seconds}s" "http://127.0.0.1:$plain/")
read -r s_rps s_util s_err _ < <(salvo --url "http://127.0.0.1:$plain/" "${closed[@]}")
row "http/1.1 wrk" "$w_rps" "$w_util"; row "http/1.1 salvo" "$s_rps" "$s_util" "$s_err"
ratio "http/1.1 salvo/wrk" "$s_rps" "$s_util" "$w_rps" "$w_util"

# 2. HTTPS keep-alive, HTTP/1.1 (wrk speaks no HTTP/2)
read -r w_rps w_util < <(reference "$wrk_rps" wrk -t1 -c"$connections" -d"${seconds}s" "https://127.0.0.1:$tls/")
tls_opts=(--url "https://127.0.0.1:$tls/" --http 1.1 --ca "$work/ca.pem" "${closed[@]}")
read -r o_rps o_util o_err _ < <(salvo "${tls_opts[@]}" --tls-provider openssl)
read -r j_rps j_util j_err _ < <(salvo "${tls_opts[@]}" --tls-provider jdk)
row "https wrk" "$w_rps" "$w_util"
row "https salvo (openssl)" "$o_rps" "$o_util" "$o_err"
row "https salvo (jdk)" "$j_rps" "$j_util" "$j_err"
ratio "https salvo(openssl)/wrk" "$o_rps" "$o_util" "$w_rps" "$w_util"
ratio "https salvo(jdk)/wrk" "$j_rps" "$j_util" "$w_rps" "$w_util"

# 3. HTTP/2 over TLS: h2c connections with h2m streams each, in both clients
read -r h_rps h_util < <(reference "$h2load_rps" h2load -t1 -c"$h2c" -m"$h2m" -D "$seconds" --warm-up-time="${warmup}s" "https://127.0.0.1:$tls/")
read -r s_rps s_util s_err _ < <(salvo --url "https://127.0.0.1:$tls/" --http 2 --ca "$work/ca.pem" \
  --users $((h2c * h2m)) --connections "$h2c" --max-streams "$h2m" --warmup "${warmup}s" --duration "${seconds}s")
row "h2 h2load" "$h_rps" "$h_util"; row "h2 salvo" "$s_rps" "$s_util" "$s_err"
ratio "h2 salvo/h2load ($h2c connections x $h2m streams)" "$s_rps" "$s_util" "$h_rps" "$h_util"

# 4. A static flow and the same flow with sessions that carry data
users="$work/users.csv"
{ echo "user,password"; for i in $(seq 1 1000); do echo "user$i,pw-user$i"; done; } > "$users"
flow() { # static|templated
  if [ "$1" = static ]; then
    cat <<PLAN
target: {baseUrl: "http://127.0.0.1:$plain", maxConnections: $connections}
scenarios:
  - name: flow
    steps:
      - request: {name: first, path: /json}
      - request: {name: second, path: /json, headers: {Authorization: "Bearer t-8f2a61c3"}}
    load:
      - constantUsers: {users: $connections, duration: ${warmup}s, warmup: true}
      - constantUsers: {users: $connections, duration: ${seconds}s}
PLAN
  else
    cat <<PLAN
target: {baseUrl: "http://127.0.0.1:$plain", maxConnections: $connections}
feeders: [{name: users, file: users.csv, strategy: circular}]
scenarios:
  - name: flow
    feed: users
    steps:
      - request:
          name: first
          path: /json?user=\${user}&page=\${random.int(1,50)}
          headers: {X-Session: "\${session.index}"}
          extract:
            - {name: token, json: /token}
            - {name: item, jsonPath: "\$.items[1].id"}
            - {name: sku, regex: '"sku":"(SKU-[0-9]+)"'}
      - request:
          name: second
          path: /json?item=\${item}&sku=\${sku}
          headers: {Authorization: "Bearer \${token}", X-Request-Id: "\${uuid}"}
          checks: [{json: /token, equals: "\${token}"}]
    load:
      - constantUsers: {users: $connections, duration: ${warmup}s, warmup: true}
      - constantUsers: {users: $connections, duration: ${seconds}s}
PLAN
  fi
}
flow static > "$work/static.yaml"; flow templated > "$work/templated.yaml"
read -r a_rps a_util a_err _ < <(salvo "$work/static.yaml")
read -r b_rps b_util b_err _ < <(salvo "$work/templated.yaml")
row "flow static (salvo)" "$a_rps" "$a_util" "$a_err"; row "flow templated (salvo)" "$b_rps" "$b_util" "$b_err"
ratio "flow templated/static" "$b_rps" "$b_util" "$a_rps" "$a_util"

# 5. A TLS handshake per request (the server closes each connection, no session resumption)
one=(--url "https://127.0.0.1:$oneshot/" --http 1.1 --ca "$work/ca.pem" "${closed[@]}")
read -r o_rps o_util o_err o_p50 o_p99 < <(salvo "${one[@]}" --tls-provider openssl)
read -r j_rps j_util j_err j_p50 j_p99 < <(salvo "${one[@]}" --tls-provider jdk)
row "handshake salvo (openssl)" "$o_rps" "$o_util" "$o_err"
row "handshake salvo (jdk)" "$j_rps" "$j_util" "$j_err"
printf '  handshake time p50/p99: openssl %.2f/%.2f ms, jdk %.2f/%.2f ms\n' "$o_p50" "$o_p99" "$j_p50" "$j_p99"
ratio "handshake openssl/jdk" "$o_rps" "$o_util" "$j_rps" "$j_util"
