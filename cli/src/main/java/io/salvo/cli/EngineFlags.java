package io.salvo.cli;

import io.salvo.engine.EngineOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How this machine runs its part: threads and the graceful stop. */
final class EngineFlags {
  @Option(names = "--threads", description = "Event loops driving load (default: one per core).")
  Integer threads;

  @Option(
      names = "--graceful-stop",
      description =
          "How long after the planned end to wait for backlogged arrivals and requests in flight"
              + " (default 30s).")
  Duration gracefulStop;

  EngineOptions options() {
    EngineOptions o = EngineOptions.defaults();
    if (threads != null) {
      if (threads < 1) {
        throw new UsageException("--threads must be > 0, was " + threads);
      }
      o = o.withEventLoops(threads);
    }
    if (gracefulStop != null) {
      o = o.withGracefulStop(gracefulStop);
    }
    return o;
  }
}
