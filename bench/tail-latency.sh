#!/usr/bin/env bash
# Benchmark: the client's own share of the latency tail. nginx answers every request after
# exactly 50 ms (the echo module's echo_sleep); wrk and Salvo each measure it from the same core
# (0), nginx on the other (1). Closed model (50 connections), then Salvo's open model at a rate
# both can hold; wrk has no open model, so its closed-model figures are the reference for both
# (the server's latency is the same 50 ms either way). Prints p50, p99, p99.9 and max of each
# client and Salvo's excess over wrk, from one run.
#
#   bench/tail-latency.sh [seconds (default 10)] [open-model rate (default 800)]
#
# CLIENT_CORES=0,1 gives the clients both cores (nginx keeps core 1).
# Needs wrk, nginx and its echo module (Debian packages wrk, nginx-light,
# libnginx-mod-http-echo; installed with apt-get when missing and run as root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
rate="${2:-800}"
warmup=3
connections=50
client_cores="${CLIENT_CORES:-0}"
target_core=1
port=18090
work="$(mktemp -d)"
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT

module=/usr/lib/nginx/modules/ngx_http_echo_module.so
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || [ ! -f "$module" ]; then
  echo "installing wrk, nginx-light and libnginx-mod-http-echo (Debian packages)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light \
    libnginx-mod-http-echo >/dev/null
fi

cat > "$work/nginx.conf" <<CONF
load_module $module;
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  server {
    listen 127.0.0.1:$port;
    location / { echo_sleep 0.05; echo ok; }
  }
}
CONF
taskset -c "$target_core" nginx -c "$work/nginx.conf" &
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
"$here/salvo" --version >/dev/null  # builds the CLI on first use, outside the measurements

# wrk: p50 and p99 from --latency (HdrHistogram), max from the thread stats; in ms.
taskset -c "$client_cores" wrk -t1 -c"$connections" -d"${warmup}s" "http://127.0.0.1:$port/" >/dev/null
taskset -c "$client_cores" wrk -t1 -c"$connections" -d"${seconds}s" --latency \
  "http://127.0.0.1:$port/" > "$work/wrk.out"
ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }'; }
wrk_p50=$(awk '/^ +50%/ { print $2 }' "$work/wrk.out" | ms)
wrk_p99=$(awk '/^ +99%/ { print $2 }' "$work/wrk.out" | ms)
wrk_max=$(awk '/^ +Latency / { print $4; exit }' "$work/wrk.out" | ms)
wrk_rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.out")

# Salvo: figures from its report (latency from each request's intended start).
salvo() { # name args...
  local name="$1"; shift
  taskset -c "$client_cores" "$here/salvo" run --url "http://127.0.0.1:$port/" --threads 1 \
    --connections "$connections" --warmup "${warmup}s" --duration "${seconds}s" --quiet \
    --out "$work/$name" "$@" > "$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; exit 1; }
  python3 - "$work/$name/report.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["total"]
l = t["latencyMs"]
print(l["p50"], l["p99"], l["p999"], l["max"], round(t["throughput"]), t["errors"])
PY
}
read -r c_p50 c_p99 c_p999 c_max c_rps c_err < <(salvo closed --users "$connections")
read -r o_p50 o_p99 o_p999 o_max o_rps o_err < <(salvo open --rate "$rate")

printf '\nnginx answering after 50 ms; %ss after a %ss warm-up; client cores %s, nginx core %s\n' \
  "$seconds" "$warmup" "$client_cores" "$target_core"
printf '%-26s %9s %9s %9s %9s %8s\n' client p50 p99 p99.9 max "req/s"
printf '%-26s %8.2fms %8.2fms %9s %8.2fms %8.0f\n' "wrk (closed, $connections conn)" \
  "$wrk_p50" "$wrk_p99" "-" "$wrk_max" "$wrk_rps"
printf '%-26s %8.2fms %8.2fms %8.2fms %8.2fms %8.0f   errors %s\n' "salvo closed ($connections users)" \
  "$c_p50" "$c_p99" "$c_p999" "$c_max" "$c_rps" "$c_err"
printf '%-26s %8.2fms %8.2fms %8.2fms %8.2fms %8.0f   errors %s\n' "salvo open ($rate/s)" \
  "$o_p50" "$o_p99" "$o_p999" "$o_max" "$o_rps" "$o_err"
printf 'salvo - wrk: closed p50 %+.2f ms, p99 %+.2f ms, max %+.2f ms; open p50 %+.2f ms, p99 %+.2f ms, max %+.2f ms\n' \
  "$(echo "$c_p50 - $wrk_p50" | bc -l)" "$(echo "$c_p99 - $wrk_p99" | bc -l)" "$(echo "$c_max - $wrk_max" | bc -l)" \
  "$(echo "$o_p50 - $wrk_p50" | bc -l)" "$(echo "$o_p99 - $wrk_p99" | bc -l)" "$(echo "$o_max - $wrk_max" | bc -l)"
