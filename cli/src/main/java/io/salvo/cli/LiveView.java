package io.salvo.cli;

import io.salvo.report.StatsTable;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.LatencySummary;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.io.PrintWriter;
import java.util.Locale;

/** One line per second while a run goes: elapsed, throughput, p50, p99, errors. */
final class LiveView {
  private final PrintWriter out;

  LiveView(PrintWriter out) {
    this.out = out;
  }

  void show(IntervalStats interval) {
    RequestStats t = interval.total();
    LatencySummary l = t.latency();
    long backlog = 0;
    for (ScenarioStats s : interval.scenarios().values()) {
      backlog = Math.max(backlog, s.maxBacklog());
    }
    out.println(
        String.format(
            Locale.ROOT,
            "[%4ds] %8d req/s  p50 %9s  p99 %9s  max %9s  errors %d%s",
            interval.second() + 1,
            t.requests(),
            StatsTable.ms(l.p50()),
            StatsTable.ms(l.p99()),
            StatsTable.ms(l.max()),
            t.errors(),
            backlog > 0 ? "  backlog " + backlog : ""));
  }
}
