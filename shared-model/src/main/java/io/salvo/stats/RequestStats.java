package io.salvo.stats;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What happened to a set of requests: a latency histogram in microseconds (three significant
 * digits, auto-resizing, so minutes-long stalls fit), counts by status class and by error kind, and
 * bytes. Merging two is exact: {@link #add} adds histograms and counts.
 *
 * <p>Not thread-safe: one writer (an event loop, or a merger holding a lock) owns an instance.
 *
 * <p>A request either gets a response, recorded with {@link #recordResponse} (its status class
 * counted; a failed status check also counts as a {@link ErrorKind#CHECK} error), or fails without
 * one, recorded with {@link #recordFailure}. Latencies of responses only enter the histogram.
 *
 * <p>Beside requests it counts the TLS handshakes of the connections its requests opened, with
 * their durations in a histogram of their own (never in the request latencies), and how often each
 * named check (a status check, a body check, an extraction) failed.
 */
public final class RequestStats {
  /** All Salvo histograms share this precision, so any two can be added. */
  public static final int SIGNIFICANT_DIGITS = 3;

  private final Histogram latencyMicros;
  private final long[] statusClasses = new long[5];
  private final long[] errors = new long[ErrorKind.values().length];
  private long bytesSent;
  private long bytesReceived;
  private long tlsHandshakes;
  private Histogram tlsHandshakeMicros;
  private Map<String, Long> failedChecks;

  public RequestStats() {
    this(new Histogram(SIGNIFICANT_DIGITS));
  }

  private RequestStats(Histogram histogram) {
    this.latencyMicros = histogram;
  }

  /**
   * Rebuilds stats from their parts (a decoded message), taking ownership of the histogram.
   *
   * @param statusClasses counts of 1xx..5xx responses
   * @param errors counts indexed by {@link ErrorKind#ordinal()}
   */
  public static RequestStats of(
      Histogram latencyMicros,
      long[] statusClasses,
      long[] errors,
      long bytesSent,
      long bytesReceived) {
    if (latencyMicros.getNumberOfSignificantValueDigits() != SIGNIFICANT_DIGITS) {
      throw new IllegalArgumentException(
          "histograms must have " + SIGNIFICANT_DIGITS + " significant digits");
    }
    latencyMicros.setAutoResize(true);
    RequestStats s = new RequestStats(latencyMicros);
    System.arraycopy(statusClasses, 0, s.statusClasses, 0, 5);
    // A node of an older version sends fewer error kinds; the missing ones are zero.
    System.arraycopy(errors, 0, s.errors, 0, Math.min(errors.length, s.errors.length));
    s.bytesSent = bytesSent;
    s.bytesReceived = bytesReceived;
    return s;
  }

  /**
   * A response arrived.
   *
   * @param latencyNanos from the request's intended start to the end of its response
   * @param checkPassed whether the status passed the step's check
   */
  public void recordResponse(long latencyNanos, int status, boolean checkPassed, long bytesIn) {
    latencyMicros.recordValue(Math.max(0, latencyNanos / 1000));
    int cls = status / 100 - 1;
    if (cls >= 0 && cls < 5) {
      statusClasses[cls]++;
    } else {
      errors[ErrorKind.OTHER.ordinal()]++;
    }
    if (!checkPassed) {
      errors[ErrorKind.CHECK.ordinal()]++;
    }
    bytesReceived += bytesIn;
  }

  /**
   * Adds TLS handshakes and failed checks to stats rebuilt by {@link #of} (a decoded message).
   *
   * @param handshakeMicros durations of the handshakes, or null when there were none
   * @param checks failures by check label, or null
   */
  public RequestStats withExtras(
      long handshakes, Histogram handshakeMicros, Map<String, Long> checks) {
    tlsHandshakes = handshakes;
    if (handshakeMicros != null) {
      handshakeMicros.setAutoResize(true);
      tlsHandshakeMicros = handshakeMicros;
    }
    if (checks != null && !checks.isEmpty()) {
      failedChecks = new LinkedHashMap<>(checks);
    }
    return this;
  }

  /** A connection opened for these requests completed its TLS handshake in {@code nanos}. */
  public void recordTlsHandshake(long nanos) {
    if (tlsHandshakeMicros == null) {
      tlsHandshakeMicros = new Histogram(SIGNIFICANT_DIGITS);
      tlsHandshakeMicros.setAutoResize(true);
    }
    tlsHandshakeMicros.recordValue(Math.max(0, nanos / 1000));
    tlsHandshakes++;
  }

  /**
   * A named check failed for one response. The response's {@link ErrorKind#CHECK} error is counted
   * by {@link #recordResponse}, once however many of its checks failed.
   */
  public void recordFailedCheck(String label) {
    if (failedChecks == null) {
      failedChecks = new LinkedHashMap<>();
    }
    failedChecks.merge(label, 1L, Long::sum);
  }

  /** A request failed without a response. {@code kind} must not be {@link ErrorKind#CHECK}. */
  public void recordFailure(ErrorKind kind) {
    errors[kind.ordinal()]++;
  }

  public void recordBytesSent(long bytes) {
    bytesSent += bytes;
  }

  /** Adds another's requests to these: histograms add, counts sum. */
  public void add(RequestStats other) {
    latencyMicros.add(other.latencyMicros);
    for (int i = 0; i < 5; i++) {
      statusClasses[i] += other.statusClasses[i];
    }
    for (int i = 0; i < errors.length; i++) {
      errors[i] += other.errors[i];
    }
    bytesSent += other.bytesSent;
    bytesReceived += other.bytesReceived;
    if (other.tlsHandshakeMicros != null) {
      if (tlsHandshakeMicros == null) {
        tlsHandshakeMicros = new Histogram(SIGNIFICANT_DIGITS);
        tlsHandshakeMicros.setAutoResize(true);
      }
      tlsHandshakeMicros.add(other.tlsHandshakeMicros);
    }
    tlsHandshakes += other.tlsHandshakes;
    if (other.failedChecks != null) {
      other.failedChecks.forEach(
          (k, v) -> {
            if (failedChecks == null) {
              failedChecks = new LinkedHashMap<>();
            }
            failedChecks.merge(k, v, Long::sum);
          });
    }
  }

  public RequestStats copy() {
    RequestStats c = new RequestStats();
    c.add(this);
    return c;
  }

  /** Responses with an HTTP status in 100..599. */
  public long responses() {
    long n = 0;
    for (long c : statusClasses) {
      n += c;
    }
    return n;
  }

  /**
   * Requests that finished: every response plus every failure without one ({@code check} failures
   * are responses, counted once).
   */
  public long requests() {
    long n = responses();
    for (ErrorKind k : ErrorKind.values()) {
      if (k != ErrorKind.CHECK) {
        n += errors[k.ordinal()];
      }
    }
    return n;
  }

  /** Failed requests of every kind, timeouts and failed checks included. */
  public long errors() {
    long n = 0;
    for (long e : errors) {
      n += e;
    }
    return n;
  }

  public long errors(ErrorKind kind) {
    return errors[kind.ordinal()];
  }

  public long timeouts() {
    return errors(ErrorKind.TIMEOUT);
  }

  /** Responses of class {@code cls} (1 for 1xx .. 5 for 5xx). */
  public long status(int cls) {
    return statusClasses[cls - 1];
  }

  public long[] statusClasses() {
    return statusClasses.clone();
  }

  public long[] errorCounts() {
    return errors.clone();
  }

  public long bytesSent() {
    return bytesSent;
  }

  public long bytesReceived() {
    return bytesReceived;
  }

  /** TLS handshakes completed by connections opened for these requests. */
  public long tlsHandshakes() {
    return tlsHandshakes;
  }

  /** The handshakes' durations in microseconds, or null when there were none; do not modify. */
  public Histogram tlsHandshakeMicros() {
    return tlsHandshakeMicros;
  }

  /** Failures per check label, in the order they first failed; empty when none failed. */
  public Map<String, Long> failedChecks() {
    return failedChecks == null ? Map.of() : Collections.unmodifiableMap(failedChecks);
  }

  /** The latency histogram in microseconds; callers must not modify it. */
  public Histogram latencyMicros() {
    return latencyMicros;
  }

  public LatencySummary latency() {
    return LatencySummary.of(latencyMicros);
  }

  public double errorRate() {
    long r = requests();
    return r == 0 ? 0 : (double) errors() / r;
  }

  public boolean isEmpty() {
    return requests() == 0 && bytesSent == 0 && tlsHandshakes == 0;
  }

  @Override
  public String toString() {
    return "RequestStats{requests="
        + requests()
        + ", status="
        + Arrays.toString(statusClasses)
        + ", errors="
        + Arrays.toString(errors)
        + ", p99="
        + latency().p99()
        + "ms}";
  }
}
