package io.salvo.message;

import io.salvo.stats.Histograms;
import io.salvo.stats.RequestStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link RequestStats} on the wire.
 *
 * @param latencyHistogram HdrHistogram compressed, base64, microseconds
 * @param status counts of 1xx..5xx
 * @param errors counts by {@link io.salvo.stats.ErrorKind} ordinal
 * @param tlsHandshakes TLS handshakes of connections opened for the step
 * @param tlsHandshakeHistogram their durations, compressed and base64 like the latencies; null when
 *     there were none
 * @param failedChecks failures by check label; null when none failed
 */
public record StepSnapshot(
    String name,
    String latencyHistogram,
    long[] status,
    long[] errors,
    long bytesSent,
    long bytesReceived,
    long tlsHandshakes,
    String tlsHandshakeHistogram,
    Map<String, Long> failedChecks) {

  public static StepSnapshot of(String name, RequestStats s) {
    return new StepSnapshot(
        name,
        Histograms.encode(s.latencyMicros()),
        s.statusClasses(),
        s.errorCounts(),
        s.bytesSent(),
        s.bytesReceived(),
        s.tlsHandshakes(),
        s.tlsHandshakeMicros() == null ? null : Histograms.encode(s.tlsHandshakeMicros()),
        s.failedChecks().isEmpty() ? null : new LinkedHashMap<>(s.failedChecks()));
  }

  /**
   * Decodes the stats.
   *
   * @throws IllegalArgumentException when the histogram is not valid
   */
  public RequestStats toStats() {
    return RequestStats.of(
            Histograms.decode(latencyHistogram), status, errors, bytesSent, bytesReceived)
        .withExtras(
            tlsHandshakes,
            tlsHandshakeHistogram == null ? null : Histograms.decode(tlsHandshakeHistogram),
            failedChecks);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StepSnapshot s
        && name.equals(s.name)
        && latencyHistogram.equals(s.latencyHistogram)
        && java.util.Arrays.equals(status, s.status)
        && java.util.Arrays.equals(errors, s.errors)
        && bytesSent == s.bytesSent
        && bytesReceived == s.bytesReceived
        && tlsHandshakes == s.tlsHandshakes
        && java.util.Objects.equals(tlsHandshakeHistogram, s.tlsHandshakeHistogram)
        && java.util.Objects.equals(failedChecks, s.failedChecks);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + latencyHistogram.hashCode();
  }
}
