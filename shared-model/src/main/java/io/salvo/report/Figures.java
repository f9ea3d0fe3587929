package io.salvo.report;

import io.salvo.stats.ErrorKind;
import io.salvo.stats.Histograms;
import io.salvo.stats.LatencySummary;
import io.salvo.stats.RequestStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures every level of a report shows for a set of requests (a step, a scenario, the whole
 * run, one agent).
 *
 * @param requests requests that finished, with a response or an error
 * @param throughput requests per second over the measured window
 * @param errors failed requests of any kind, timeouts and failed checks included
 * @param timeouts requests without a complete response within the request timeout
 * @param errorRate errors / requests
 * @param status responses by status class, {@code 1xx} to {@code 5xx}
 * @param errorsByKind errors by kind: connect, timeout, reset, check, other, tls
 * @param failedChecks how often each named check failed: {@code status 2xx}, {@code extract token},
 *     {@code json /status == 'ok'}; a response that fails several counts once in {@code
 *     errorsByKind.check}
 * @param latencyMs from each request's intended start to the end of its response
 * @param tlsHandshakes TLS handshakes of the connections these requests opened
 * @param tlsHandshakeMs the handshakes' durations (separate from latency); null without handshakes
 * @param latencyHistogram the merged latency histogram (microseconds), HdrHistogram compressed and
 *     base64-encoded, so any figure can be recomputed exactly
 */
public record Figures(
    long requests,
    double throughput,
    long errors,
    long timeouts,
    double errorRate,
    Map<String, Long> status,
    Map<String, Long> errorsByKind,
    Map<String, Long> failedChecks,
    LatencySummary latencyMs,
    long tlsHandshakes,
    LatencySummary tlsHandshakeMs,
    long bytesSent,
    long bytesReceived,
    String latencyHistogram) {

  public static Figures of(RequestStats s, double measuredSeconds) {
    Map<String, Long> status = new LinkedHashMap<>();
    for (int c = 1; c <= 5; c++) {
      status.put(c + "xx", s.status(c));
    }
    Map<String, Long> byKind = new LinkedHashMap<>();
    for (ErrorKind k : ErrorKind.values()) {
      byKind.put(k.label(), s.errors(k));
    }
    return new Figures(
        s.requests(),
        measuredSeconds > 0 ? s.requests() / measuredSeconds : 0,
        s.errors(),
        s.timeouts(),
        s.errorRate(),
        status,
        byKind,
        new LinkedHashMap<>(s.failedChecks()),
        s.latency(),
        s.tlsHandshakes(),
        s.tlsHandshakeMicros() == null ? null : LatencySummary.of(s.tlsHandshakeMicros()),
        s.bytesSent(),
        s.bytesReceived(),
        Histograms.encode(s.latencyMicros()));
  }
}
