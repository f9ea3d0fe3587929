package io.salvo.engine;

import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.code.CodeRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadFactory;

/**
 * How a node runs its part.
 *
 * @param eventLoops threads driving load; each owns its connections and a stripe of the load
 * @param startAt the agreed start instant (wall clock), or {@code null} to start at once
 * @param gracefulStop how long after the planned end the node waits for backlogged arrivals and
 *     requests in flight; what is still in flight then counts as timeouts, what was never sent as
 *     unsent
 * @param recordServiceTime also record each request's service time (from when it was written to a
 *     connection): the naive measurement, for diagnosis and comparison only
 * @param threadFactory makes the event loop and collector threads (an application server passes its
 *     managed one)
 * @param preflight check that every origin accepts a TCP connection before starting
 * @param allowedTargets where load may go; a part aimed anywhere else does not start ({@link
 *     TargetNotAllowedException}); null admits every target (a run on the user's own machine)
 * @param code the code a plan's {@code code} steps may name (a Java program's scenarios)
 */
public record EngineOptions(
    int eventLoops,
    Instant startAt,
    Duration gracefulStop,
    boolean recordServiceTime,
    ThreadFactory threadFactory,
    boolean preflight,
    TargetAllowList allowedTargets,
    CodeRegistry code) {

  public static final Duration DEFAULT_GRACEFUL_STOP = Duration.ofSeconds(30);

  public EngineOptions {
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be > 0, was " + eventLoops);
    }
    gracefulStop = gracefulStop == null ? DEFAULT_GRACEFUL_STOP : gracefulStop;
    code = code == null ? CodeRegistry.empty() : code;
  }

  /** One event loop per available core, starting at once. */
  public static EngineOptions defaults() {
    return new EngineOptions(
        Runtime.getRuntime().availableProcessors(),
        null,
        DEFAULT_GRACEFUL_STOP,
        false,
        null,
        true,
        null,
        null);
  }

  public EngineOptions withEventLoops(int n) {
    return new EngineOptions(
        n,
        startAt,
        gracefulStop,
        recordServiceTime,
        threadFactory,
        preflight,
        allowedTargets,
        code);
  }

  public EngineOptions withStartAt(Instant at) {
    return new EngineOptions(
        eventLoops,
        at,
        gracefulStop,
        recordServiceTime,
        threadFactory,
        preflight,
        allowedTargets,
        code);
  }

  public EngineOptions withGracefulStop(Duration d) {
    return new EngineOptions(
        eventLoops, startAt, d, recordServiceTime, threadFactory, preflight, allowedTargets, code);
  }

  public EngineOptions withServiceTime(boolean record) {
    return new EngineOptions(
        eventLoops, startAt, gracefulStop, record, threadFactory, preflight, allowedTargets, code);
  }

  public EngineOptions withThreadFactory(ThreadFactory f) {
    return new EngineOptions(
        eventLoops, startAt, gracefulStop, recordServiceTime, f, preflight, allowedTargets, code);
  }

  public EngineOptions withPreflight(boolean check) {
    return new EngineOptions(
        eventLoops,
        startAt,
        gracefulStop,
        recordServiceTime,
        threadFactory,
        check,
        allowedTargets,
        code);
  }

  public EngineOptions withCode(CodeRegistry registry) {
    return new EngineOptions(
        eventLoops,
        startAt,
        gracefulStop,
        recordServiceTime,
        threadFactory,
        preflight,
        allowedTargets,
        registry);
  }

  public EngineOptions withAllowedTargets(TargetAllowList allowed) {
    return new EngineOptions(
        eventLoops,
        startAt,
        gracefulStop,
        recordServiceTime,
        threadFactory,
        preflight,
        allowed,
        code);
  }
}
