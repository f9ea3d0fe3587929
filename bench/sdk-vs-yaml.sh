#!/usr/bin/env bash
# Benchmark: an HTTP scenario written in Java (the SDK's HTTP client on Salvo's engine) against the
# same request as a YAML plan step (salvo run), on the same tiny-response target (nginx), each
# client pinned to the same single core and the target to the other one. Closed model, 50 users.
# Prints both req/s and the ratio sdk/yaml. A failed request fails the benchmark.
#
#   bench/sdk-vs-yaml.sh [seconds (default 15)] [users (default 50)]
#
# Needs nginx (Debian package nginx-light; installed with apt-get when missing and run as root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-15}"
users="${2:-50}"
warmup=5
port=18081
client_core=0
target_core=1
work="$(mktemp -d)"
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$here"

if ! command -v nginx >/dev/null || ! command -v bc >/dev/null; then
  echo "installing nginx-light and bc (Debian packages)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light bc >/dev/null
fi
if [ "$(nproc)" -lt 2 ]; then
  echo "needs two cores: one for the client, one for the target" >&2
  exit 2
fi
mvn -q -B -Dmaven.test.skip=true -Dspotless.check.skip=true -pl bench -am install >&2

. "$here/bench/nginx-target.sh"
start_nginx "$port" "$target_core" "$work"
url="http://127.0.0.1:$port/"

# YAML: salvo run of one GET step, one event loop.
taskset -c "$client_core" "$here/salvo" run --url "$url" \
  --users "$users" --connections "$users" --threads 1 \
  --warmup "${warmup}s" --duration "${seconds}s" --out "$work/yaml" --quiet > "$work/yaml.out"
read -r yaml_rps yaml_requests yaml_errors < <(python3 -c "
import json; s = json.load(open('$work/yaml/report.json'))['scenarios'][0]
print(s['throughput'], s['requests'], s['errors'])")

# SDK: the same GET from a code scenario, one event loop.
taskset -c "$client_core" java -cp "$(cat bench/target/classpath.txt):bench/target/classes" \
  io.salvo.bench.SdkHttpBenchmark "$url" "$users" "$warmup" "$seconds" "$work/sdk" > "$work/sdk.out"
read -r sdk_rps sdk_requests sdk_errors < <(python3 -c "
import json; s = json.load(open('$work/sdk/report.json'))['scenarios'][0]
print(s['throughput'], s['requests'], s['errors'])")

if [ "$yaml_errors" != 0 ] || [ "$sdk_errors" != 0 ] || [ "$yaml_requests" = 0 ] || [ "$sdk_requests" = 0 ]; then
  echo "failed requests: yaml $yaml_errors of $yaml_requests, sdk $sdk_errors of $sdk_requests" >&2
  exit 1
fi
printf '\nclosed model, %s users, %ss after a %ss warm-up; client on core %s, nginx on core %s\n' \
  "$users" "$seconds" "$warmup" "$client_core" "$target_core"
printf '%-22s %12s %12s\n' client "req/s" requests
printf '%-22s %12.0f %12s\n' "yaml plan (salvo run)" "$yaml_rps" "$yaml_requests"
printf '%-22s %12.0f %12s\n' "code scenario (sdk)" "$sdk_rps" "$sdk_requests"
printf 'ratio sdk/yaml: %.2f x req/s\n' "$(echo "$sdk_rps/$yaml_rps" | bc -l)"
