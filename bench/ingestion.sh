#!/usr/bin/env bash
# Benchmark: how many agents one coordinator sustains. Simulated agents send one interval result
# per second each into a real coordinator (WildFly, embedded Artemis, H2) on this machine, for
# growing agent counts, while the merged live view's lag is sampled; the reference is the same
# broker's plain throughput, measured in the same run.
#
#   bench/ingestion.sh [AGENTS...] [--seconds S]     (default: 500 1000 1500 2000 3000, 15 s each,
#                                                   after a 300-agent warm-up that is not counted)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
echo "building (servers and the benchmark)..." >&2
mvn -q -B -Dmaven.test.skip=true -Dspotless.check.skip=true -pl bench -am install >&2
exec java -Xmx2g -Dsalvo.home="$here" -cp "$(cat bench/target/classpath.txt):bench/target/classes" \
  io.salvo.bench.IngestionBenchmark "$@"
