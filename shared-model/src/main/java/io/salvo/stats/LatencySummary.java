package io.salvo.stats;

import org.HdrHistogram.Histogram;

/** Latency figures in milliseconds, read off one (merged) histogram of microseconds. */
public record LatencySummary(
    double mean, double p50, double p90, double p99, double p999, double p9999, double max) {

  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

  public static LatencySummary of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(
        micros.getMean() / 1000.0,
        percentileMs(micros, 50),
        percentileMs(micros, 90),
        percentileMs(micros, 99),
        percentileMs(micros, 99.9),
        percentileMs(micros, 99.99),
        micros.getMaxValue() / 1000.0);
  }

  public static double percentileMs(Histogram micros, double percentile) {
    return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
  }
}
