package io.salvo.coordinator.api;

import io.salvo.cluster.LiveRun;
import io.salvo.coordinator.run.LiveRuns;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.report.Report;
import io.salvo.report.ThresholdJudge;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.LatencySummary;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged live statistics of a run: totals so far per scenario, the merged seconds (each with
 * every node's requests), the plan's thresholds judged on what is merged so far, and how far behind
 * the run's clock the view is. While the run waits for its agents, who has joined.
 *
 * @param mergedThrough the newest run-relative second merged from every node, -1 before any
 * @param lagSeconds how long the oldest second that has ended but is not yet merged from every node
 *     has been waiting; 0 when the view is current
 * @param last the newest second merged from every node, or null
 * @param seconds the merged seconds from the one asked for (a stream's first event has all of them,
 *     each later event those merged since the one before) through {@code mergedThrough}
 * @param thresholds the plan's thresholds on the merged data so far (throughput over the seconds
 *     merged); the final verdict is the report's
 * @param waiting while the run waits for agents: how many it needs and who has joined; else null
 */
record LiveStats(
    String runId,
    String state,
    double elapsedSeconds,
    int mergedThrough,
    double lagSeconds,
    List<String> pending,
    List<ScenarioLine> scenarios,
    SecondLine last,
    List<SecondLine> seconds,
    List<Report.ThresholdVerdict> thresholds,
    Waiting waiting) {

  /** A scenario's totals so far. */
  record ScenarioLine(
      String name, long requests, long errors, long timeouts, LatencySummary latencyMs) {}

  /**
   * One merged second, all scenarios together.
   *
   * @param errorsByKind the kinds that occurred this second
   * @param nodes each node's requests this second
   */
  record SecondLine(
      int second,
      long requests,
      long errors,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs,
      Map<String, Long> errorsByKind,
      Map<String, Long> nodes) {}

  /** A run waiting for {@code needed} agents of its cluster and group; {@code joined} are alive. */
  record Waiting(int needed, String clusterId, String agentGroup, List<String> joined) {}

  /**
   * Second k ends at k + 1 s after the start; the view is behind while an ended second is missing.
   */
  static double lag(double elapsedSeconds, int mergedThrough) {
    int ended = (int) Math.floor(elapsedSeconds) - 1;
    return mergedThrough >= ended ? 0 : elapsedSeconds - (mergedThrough + 2);
  }

  /**
   * @param a the run's live merge, or null when it is not running
   * @param fromSecond the first merged second to list in {@code seconds}
   * @param joined the agents of the run's cluster and group that are alive (asked only while the
   *     run waits for agents)
   */
  static LiveStats of(
      RunRecord r,
      LiveRuns.Active a,
      int fromSecond,
      java.util.function.Supplier<List<String>> joined) {
    Waiting waiting =
        r.state == RunState.WAITING_FOR_AGENTS
            ? new Waiting(r.agentsCount, r.clusterId, r.agentGroup, joined.get())
            : null;
    if (a == null) {
      return new LiveStats(
          r.id,
          r.state.name(),
          0,
          -1,
          0,
          List.of(),
          List.of(),
          null,
          List.of(),
          List.of(),
          waiting);
    }
    LiveRun live = a.live();
    double elapsed = Math.max(0, (System.currentTimeMillis() - a.startAtMillis()) / 1000.0);
    int through = live.mergedThrough();
    Map<String, ScenarioStats> totals = live.totalsSoFar();
    List<ScenarioLine> lines = new ArrayList<>();
    for (Map.Entry<String, ScenarioStats> e : totals.entrySet()) {
      RequestStats t = e.getValue().total();
      lines.add(new ScenarioLine(e.getKey(), t.requests(), t.errors(), t.timeouts(), t.latency()));
    }
    List<SecondLine> seconds = new ArrayList<>();
    for (int k = Math.max(0, fromSecond); k <= through; k++) {
      IntervalStats s = live.second(k);
      if (s != null) {
        seconds.add(line(k, s.total(), live.nodeRequests(k)));
      }
    }
    SecondLine last = null;
    if (!seconds.isEmpty() && seconds.get(seconds.size() - 1).second() == through) {
      last = seconds.get(seconds.size() - 1);
    } else if (through >= 0) {
      IntervalStats s = live.second(through);
      last = s == null ? null : line(through, s.total(), live.nodeRequests(through));
    }
    List<Report.ThresholdVerdict> verdicts =
        ThresholdJudge.judgeAll(a.plan().thresholds(), totals, (double) Math.max(0, through + 1));
    return new LiveStats(
        r.id,
        r.state.name(),
        elapsed,
        through,
        lag(elapsed, through),
        live.pending(),
        lines,
        last,
        seconds,
        verdicts,
        waiting);
  }

  private static SecondLine line(int second, RequestStats t, Map<String, Long> nodes) {
    LatencySummary l = t.latency();
    Map<String, Long> kinds = new LinkedHashMap<>();
    for (ErrorKind k : ErrorKind.values()) {
      if (t.errors(k) > 0) {
        kinds.put(k.label(), t.errors(k));
      }
    }
    return new SecondLine(
        second, t.requests(), t.errors(), l.p50(), l.p90(), l.p99(), l.max(), kinds, nodes);
  }
}
