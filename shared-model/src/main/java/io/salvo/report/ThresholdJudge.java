package io.salvo.report;

import io.salvo.plan.Threshold;
import io.salvo.stats.LatencySummary;
import io.salvo.stats.RequestStats;

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
