package io.salvo.report;

import io.salvo.plan.Threshold;
import io.salvo.stats.LatencySummary;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Judges thresholds on merged data: the figures of one histogram and summed counts. */
public final class ThresholdJudge {
  private ThresholdJudge() {}

  /**
   * The measured value a threshold compares.
   *
   * @param measuredSeconds the window throughput is computed over
   */
  public static double measure(Threshold t, RequestStats stats, double measuredSeconds) {
    return switch (t.metric().kind()) {
      case PERCENTILE ->
          LatencySummary.percentileMs(stats.latencyMicros(), t.metric().percentile());
      case MEAN -> stats.latency().mean();
      case MAX -> stats.latency().max();
      case ERROR_RATE -> stats.errorRate();
      case ERRORS -> stats.errors();
      case REQUESTS -> stats.requests();
      case THROUGHPUT -> measuredSeconds > 0 ? stats.requests() / measuredSeconds : 0;
    };
  }

  /**
   * Judges every threshold of a plan on per-scenario totals: a threshold without a scenario on all
   * of them merged, over the longest scenario's window.
   *
   * @param windowSeconds the window throughput is computed over; null for each scenario's own
   *     measured window (a finished run); a live view passes the seconds merged so far
   */
  public static List<Report.ThresholdVerdict> judgeAll(
      List<Threshold> thresholds, Map<String, ScenarioStats> totals, Double windowSeconds) {
    RequestStats all = new RequestStats();
    long longest = 0;
    for (ScenarioStats s : totals.values()) {
      all.add(s.total());
      longest = Math.max(longest, s.measuredNanos());
    }
    List<Report.ThresholdVerdict> verdicts = new ArrayList<>();
    for (Threshold t : thresholds) {
      if (t.scenario() == null) {
        verdicts.add(judge(t, all, windowSeconds != null ? windowSeconds : longest / 1e9));
      } else {
        ScenarioStats s = totals.get(t.scenario());
        RequestStats stats = s == null ? new RequestStats() : s.total();
        double window =
            windowSeconds != null ? windowSeconds : s == null ? 0 : s.measuredNanos() / 1e9;
        verdicts.add(judge(t, stats, window));
      }
    }
    return verdicts;
  }

  public static Report.ThresholdVerdict judge(
      Threshold t, RequestStats stats, double measuredSeconds) {
    double actual = measure(t, stats, measuredSeconds);
    String unit =
        switch (t.metric().kind()) {
          case PERCENTILE, MEAN, MAX -> "ms";
          case ERROR_RATE -> "ratio";
          case THROUGHPUT -> "req/s";
          case ERRORS, REQUESTS -> "count";
        };
    // Requests with no data cannot pass a latency or throughput bar: an empty run is not a fast
    // one.
    boolean passed =
        t.operator().holds(actual, t.limit())
            && !(stats.requests() == 0 && t.metric().kind() != Threshold.Kind.ERRORS);
    return new Report.ThresholdVerdict(t.scenario(), t.expression(), actual, unit, passed);
  }
}
