package io.salvo.engine.node;

import io.salvo.engine.EngineOptions;
import io.salvo.engine.EngineResult;
import io.salvo.engine.EngineRun;
import io.salvo.engine.LoadEngine;
import io.salvo.engine.ScenarioPart;
import io.salvo.engine.TargetUnreachableException;
import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.plan.Plan;
import io.salvo.stats.OriginInfo;
import io.salvo.stats.ScenarioStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One node's part of a run: the engine started at the agreed instant (converted to this node's
 * clock), an {@link IntervalResult} to the sink every second, and a {@link FinalResult} at the end,
 * also when the node cannot run (the error travels in the final result). Results go through a
 * {@link ResultOutbox}: the engine never waits for the sink, and a sink that fails (the broker is
 * down) is retried until it takes them.
 */
public final class NodeWork {

  private final String clusterId;
  private final String nodeId;
  private final String runId;
  private final ResultOutbox outbox;
  private final AtomicInteger intervals = new AtomicInteger();
  private volatile EngineRun run;

  private NodeWork(String clusterId, String nodeId, String runId, ResultOutbox outbox) {
    this.clusterId = clusterId;
    this.nodeId = nodeId;
    this.runId = runId;
    this.outbox = outbox;
  }

  /**
   * Starts the node's part.
   *
   * @param startAtMillis the agreed start on the coordinator's clock
   * @param clockOffsetMs coordinator clock minus this node's clock
   */
  public static NodeWork start(
      String clusterId,
      String nodeId,
      String runId,
      Plan plan,
      List<ScenarioPart> parts,
      long startAtMillis,
      double clockOffsetMs,
      EngineOptions options,
      ResultSink sink) {
    NodeWork w =
        new NodeWork(
            clusterId,
            nodeId,
            runId,
            new ResultOutbox("node " + nodeId + " in run " + runId, sink, options.threadFactory()));
    Instant localStart =
        Instant.ofEpochMilli(startAtMillis).minusNanos((long) (clockOffsetMs * 1e6));
    try {
      w.run =
          LoadEngine.start(
              plan,
              parts,
              options.withStartAt(localStart),
              interval -> {
                List<ScenarioSnapshot> snapshots = new ArrayList<>();
                for (ScenarioStats s : interval.scenarios().values()) {
                  snapshots.add(ScenarioSnapshot.of(s));
                }
                w.intervals.incrementAndGet();
                w.outbox.offer(
                    new IntervalResult(
                        ClusterMessage.VERSION,
                        clusterId,
                        nodeId,
                        runId,
                        interval.second(),
                        snapshots));
              });
    } catch (TargetUnreachableException | RuntimeException e) {
      w.finish(List.of(), startAtMillis, 0, clockOffsetMs, false, e.getMessage(), List.of());
      return w;
    }
    w.run
        .result()
        .whenComplete(
            (EngineResult r, Throwable failure) -> {
              if (failure != null) {
                w.finish(
                    List.of(),
                    startAtMillis,
                    0,
                    clockOffsetMs,
                    false,
                    String.valueOf(failure.getMessage()),
                    List.of());
                return;
              }
              List<ScenarioSnapshot> totals = new ArrayList<>();
              for (ScenarioStats s : r.scenarios().values()) {
                totals.add(ScenarioSnapshot.of(s));
              }
              long startedAt = startAtMillis + Math.round(r.startLagMillis());
              w.finish(
                  totals,
                  startedAt,
                  r.startLagMillis(),
                  clockOffsetMs,
                  r.stopped(),
                  null,
                  r.origins());
            });
    return w;
  }

  private void finish(
      List<ScenarioSnapshot> totals,
      long startedAtMillis,
      double lagMs,
      double offsetMs,
      boolean stopped,
      String error,
      List<OriginInfo> origins) {
    FinalResult f =
        new FinalResult(
            ClusterMessage.VERSION,
            clusterId,
            nodeId,
            runId,
            totals,
            startedAtMillis,
            lagMs,
            offsetMs,
            intervals.get(),
            stopped,
            error,
            origins,
            outbox.droppedIntervals());
    outbox.offer(f);
  }

  public String runId() {
    return runId;
  }

  /** Stops the node's load; the final result follows. */
  public void stop() {
    EngineRun r = run;
    if (r != null) {
      r.stop();
    }
  }

  /**
   * Completes with the final result once the sink has taken it: while the broker is unreachable,
   * the node's results wait in its {@link ResultOutbox}, and the node is not done.
   */
  public CompletableFuture<FinalResult> done() {
    return outbox.delivered();
  }
}
