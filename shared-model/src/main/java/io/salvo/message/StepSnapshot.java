package io.salvo.message;

import io.salvo.stats.Histograms;
import io.salvo.stats.RequestStats;

/**
 * {@link RequestStats} on the wire.
 *
 * @param latencyHistogram HdrHistogram compressed, base64, microseconds
 * @param status counts of 1xx..5xx
 * @param errors counts by {@link io.salvo.stats.ErrorKind} ordinal
 */
public record StepSnapshot(
    String name,
    String latencyHistogram,
    long[] status,
    long[] errors,
    long bytesSent,
    long bytesReceived) {

  public static StepSnapshot of(String name, RequestStats s) {
    return new StepSnapshot(
        name,
        Histograms.encode(s.latencyMicros()),
        s.statusClasses(),
        s.errorCounts(),
        s.bytesSent(),
        s.bytesReceived());
  }

  /**
   * Decodes the stats.
   *
   * @throws IllegalArgumentException when the histogram is not valid
   */
  public RequestStats toStats() {
    return RequestStats.of(
        Histograms.decode(latencyHistogram), status, errors, bytesSent, bytesReceived);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StepSnapshot s
        && name.equals(s.name)
        && latencyHistogram.equals(s.latencyHistogram)
        && java.util.Arrays.equals(status, s.status)
        && java.util.Arrays.equals(errors, s.errors)
        && bytesSent == s.bytesSent
        && bytesReceived == s.bytesReceived;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + latencyHistogram.hashCode();
  }
}
