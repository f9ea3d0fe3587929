package io.salvo.coordinator.api;

import io.salvo.cluster.LiveRun;
import io.salvo.coordinator.run.LiveRuns;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.LatencySummary;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The merged live statistics of a run: totals so far per scenario, the newest second every node has
 * reported, and how far behind the run's clock that is.
 *
 * @param mergedThrough the newest run-relative second merged from every node, -1 before any
 * @param lagSeconds how long the oldest second that has ended but is not yet merged from every node
 *     has been waiting; 0 when the view is current
 */
record LiveStats(
    String runId,
    String state,
    double elapsedSeconds,
    int mergedThrough,
    double lagSeconds,
    List<String> pending,
    List<ScenarioLine> scenarios,
    SecondLine last) {

  /** A scenario's totals so far. */
  record ScenarioLine(
      String name, long requests, long errors, long timeouts, LatencySummary latencyMs) {}

  /** One merged second, all scenarios together. */
  record SecondLine(
      int second, long requests, long errors, double p50Ms, double p99Ms, double maxMs) {}

  /**
   * Second k ends at k + 1 s after the start; the view is behind while an ended second is missing.
   */
  static double lag(double elapsedSeconds, int mergedThrough) {
    int ended = (int) Math.floor(elapsedSeconds) - 1;
    return mergedThrough >= ended ? 0 : elapsedSeconds - (mergedThrough + 2);
  }

  static LiveStats of(RunRecord r, LiveRuns.Active a) {
    if (a == null) {
      return new LiveStats(r.id, r.state.name(), 0, -1, 0, List.of(), List.of(), null);
    }
    LiveRun live = a.live();
    double elapsed = Math.max(0, (System.currentTimeMillis() - a.startAtMillis()) / 1000.0);
    int through = live.mergedThrough();
    List<ScenarioLine> lines = new ArrayList<>();
    for (Map.Entry<String, ScenarioStats> e : live.totalsSoFar().entrySet()) {
      RequestStats t = e.getValue().total();
      lines.add(new ScenarioLine(e.getKey(), t.requests(), t.errors(), t.timeouts(), t.latency()));
    }
    SecondLine last = null;
    IntervalStats s = through >= 0 ? live.second(through) : null;
    if (s != null) {
      RequestStats t = s.total();
      LatencySummary l = t.latency();
      last = new SecondLine(through, t.requests(), t.errors(), l.p50(), l.p99(), l.max());
    }
    return new LiveStats(
        r.id, r.state.name(), elapsed, through, lag(elapsed, through), live.pending(), lines, last);
  }
}
