#!/usr/bin/env bash
# Benchmark: Salvo's engine against wrk, on the same tiny-response target (nginx), each client
# pinned to the same single core and the target to the other one. Closed model, 50 connections.
# Prints each client's req/s, the CPU it used on its core, and the ratios.
#
#   bench/engine-vs-wrk.sh [seconds (default 15)] [connections (default 50)]
#
# Needs wrk and nginx (Debian packages; installed with apt-get when missing and run as root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-15}"
connections="${2:-50}"
warmup=5
port=18080
client_core=0
target_core=1
work="$(mktemp -d)"
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || ! command -v bc >/dev/null; then
  echo "installing wrk, nginx-light and bc (Debian packages)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light bc >/dev/null
fi
if [ "$(nproc)" -lt 2 ]; then
  echo "needs two cores: one for the client, one for the target" >&2
  exit 2
fi

. "$here/bench/nginx-target.sh"
start_nginx "$port" "$target_core" "$work"

# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

# wrk: the same warm-up, then the measured run; CPU from the kernel's accounting of the process.
taskset -c "$client_core" wrk -t1 -c"$connections" -d"${warmup}s" "http://127.0.0.1:$port/" >/dev/null
taskset -c "$client_core" wrk -t1 -c"$connections" -d"${seconds}s" "http://127.0.0.1:$port/" > "$work/wrk.out" &
wrk_pid=$!
sleep 1
wrk_cpu0=$(cpu_of "$wrk_pid"); wrk_t0=$(date +%s.%N)
sleep $((seconds - 2))
wrk_cpu1=$(cpu_of "$wrk_pid"); wrk_t1=$(date +%s.%N)
wait "$wrk_pid"
wrk_rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.out")
wrk_util=$(echo "($wrk_cpu1 - $wrk_cpu0) / ($wrk_t1 - $wrk_t0)" | bc -l)

# Salvo: one event loop on the same core; the live lines tell when the warm-up is over.
"$here/salvo" --version >/dev/null  # builds the CLI on first use, outside the measurement
taskset -c "$client_core" "$here/salvo" run --url "http://127.0.0.1:$port/" \
  --users "$connections" --connections "$connections" --threads 1 \
  --warmup "${warmup}s" --duration "${seconds}s" --out "$work/salvo" > "$work/salvo.out" &
salvo_pid=$!
first=$((warmup + 2)); last=$((warmup + seconds - 1))
while ! grep -q "^\[ *${first}s\]" "$work/salvo.out" 2>/dev/null; do sleep 0.05; done
java_pid=$(pgrep -P "$salvo_pid" java || echo "$salvo_pid")
salvo_cpu0=$(cpu_of "$java_pid"); salvo_t0=$(date +%s.%N)
while ! grep -q "^\[ *${last}s\]" "$work/salvo.out" 2>/dev/null; do sleep 0.05; done
salvo_cpu1=$(cpu_of "$java_pid"); salvo_t1=$(date +%s.%N)
wait "$salvo_pid" || true
salvo_rps=$(python3 -c "import json,sys; print(json.load(open('$work/salvo/report.json'))['scenarios'][0]['throughput'])")
salvo_util=$(echo "($salvo_cpu1 - $salvo_cpu0) / ($salvo_t1 - $salvo_t0)" | bc -l)
salvo_errors=$(python3 -c "import json; print(json.load(open('$work/salvo/report.json'))['scenarios'][0]['errors'])")

printf '\nclosed model, %s connections, %ss after a %ss warm-up; client on core %s, nginx on core %s\n' \
  "$connections" "$seconds" "$warmup" "$client_core" "$target_core"
printf '%-8s %12s %10s %18s\n' client "req/s" "core used" "req/s per core"
printf '%-8s %12.0f %9.0f%% %18.0f\n' wrk "$wrk_rps" "$(echo "$wrk_util*100" | bc -l)" "$(echo "$wrk_rps/$wrk_util" | bc -l)"
printf '%-8s %12.0f %9.0f%% %18.0f   (errors: %s)\n' salvo "$salvo_rps" "$(echo "$salvo_util*100" | bc -l)" "$(echo "$salvo_rps/$salvo_util" | bc -l)" "$salvo_errors"
printf 'ratio salvo/wrk: %.2f x req/s, %.2f x req/s per core used\n' \
  "$(echo "$salvo_rps/$wrk_rps" | bc -l)" "$(echo "($salvo_rps/$salvo_util)/($wrk_rps/$wrk_util)" | bc -l)"
