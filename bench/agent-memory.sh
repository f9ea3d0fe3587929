#!/usr/bin/env bash
# Benchmark: an agent's resident memory while it drives a steady rate, for a standalone agent
# (salvo agent, no WildFly) beside a WildFly agent doing the same, on a standalone Artemis broker,
# each run by the SDK's coordinator against nginx (on core 1). Prints requests, errors, median and
# peak RSS of each and the ratio; a run with an error or a count other than rate x duration fails.
#
#   bench/agent-memory.sh [rate (default 10000)] [seconds (default 30)] [JVM options of salvo agent]
#
# Needs nginx (Debian package nginx-light; installed with apt-get when missing and run as root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rate="${1:-10000}"
seconds="${2:-30}"
light_opts="${3:-}"
port=18082
work="$(mktemp -d)"
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$here"

if ! command -v nginx >/dev/null; then
  echo "installing nginx-light (Debian package)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
mvn -q -B -Dmaven.test.skip=true -Dspotless.check.skip=true -pl bench -am install >&2

. "$here/bench/nginx-target.sh"
start_nginx "$port" 1 "$work"

java -Xmx1g -Dsalvo.home="$here" -cp "$(cat bench/target/classpath.txt):bench/target/classes" \
  io.salvo.bench.AgentMemoryBenchmark "http://127.0.0.1:$port" "$rate" "$seconds" "$light_opts"
