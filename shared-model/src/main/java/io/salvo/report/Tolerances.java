package io.salvo.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much worse a run may be than the run it is compared with before the comparison calls it
 * regressed (and how much better before it calls it improved).
 *
 * <p>Written as {@code metric=value} pairs separated by commas: {@code p99=10%,throughput=5%}.
 * Latency metrics ({@code p50 p90 p99 p999 max}) and {@code throughput} take a relative change in
 * percent; {@code errorRate} takes a change in percentage points ({@code errorRate=0.5%}: the error
 * rate may rise from 1% to 1.5%); {@code floor} is the smallest latency change in milliseconds that
 * counts at all ({@code floor=1ms}), so that 0.3 ms becoming 0.4 ms on a fast target is not a 33%
 * regression. {@code off} stops judging a metric; it is still shown.
 *
 * @param limits per metric, the tolerance (percent for latency and throughput, percentage points
 *     for errorRate); null means not judged
 * @param floorMs latency changes smaller than this are never judged
 */
public record Tolerances(Map<String, Double> limits, double floorMs) {

  /** The metrics a comparison shows, in order. */
  public static final List<String> METRICS =
      List.of("throughput", "errorRate", "p50", "p90", "p99", "p999", "max");

  /** Defaults: throughput 5%, errorRate 0.1 points, p50/p90/p99 10%, p999 20%, max not judged. */
  public static final Tolerances DEFAULTS =
      new Tolerances(
          defaults(Map.of("throughput", 5.0, "errorRate", 0.1, "p50", 10.0, "p90", 10.0)), 1.0);

  private static Map<String, Double> defaults(Map<String, Double> some) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String metric : METRICS) {
      m.put(metric, some.get(metric));
    }
    m.put("p99", 10.0);
    m.put("p999", 20.0);
    m.put("max", null);
    return m;
  }

  public Tolerances {
    limits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(limits));
  }

  /** The tolerance of a metric, or null when it is not judged. */
  public Double limit(String metric) {
    return limits.get(metric);
  }

  /**
   * These tolerances with the pairs of {@code spec} applied over them.
   *
   * @param spec {@code metric=value,...}; null or blank changes nothing
   * @throws IllegalArgumentException naming the pair that cannot be read
   */
  public Tolerances with(String spec) {
    if (spec == null || spec.isBlank()) {
      return this;
    }
    Map<String, Double> m = new LinkedHashMap<>(limits);
    double floor = floorMs;
    for (String pair : spec.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException(
            "tolerance '" + p + "' is not metric=value (for example p99=10%)");
      }
      String metric = canonical(p.substring(0, eq).trim());
      String value = p.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      if (metric.equals("floor")) {
        floor = number(p, value.endsWith("ms") ? value.substring(0, value.length() - 2) : value);
        continue;
      }
      if (value.equals("off")) {
        m.put(metric, null);
        continue;
      }
      if (!value.endsWith("%")) {
        throw new IllegalArgumentException(
            "tolerance '" + p + "' needs a percentage, like " + metric + "=10%, or off");
      }
      m.put(metric, number(p, value.substring(0, value.length() - 1)));
    }
    return new Tolerances(m, floor);
  }

  /** The tolerances written back as a spec that {@link #with} reads. */
  public String spec() {
    StringBuilder b = new StringBuilder();
    limits.forEach(
        (metric, v) ->
            b.append(b.isEmpty() ? "" : ",")
                .append(metric)
                .append('=')
                .append(v == null ? "off" : trim(v) + "%"));
    return b.append(",floor=").append(trim(floorMs)).append("ms").toString();
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String canonical(String metric) {
    String m = metric.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return switch (m) {
      case "throughput", "rps", "reqs" -> "throughput";
      case "errorrate", "errors" -> "errorRate";
      case "p50", "median" -> "p50";
      case "p90", "p99", "p999", "max", "floor" -> m;
      case "p99.9" -> "p999";
      default ->
          throw new IllegalArgumentException(
              "unknown tolerance metric '"
                  + metric
                  + "'; known: "
                  + String.join(", ", METRICS)
                  + ", floor");
    };
  }

  private static double number(String pair, String text) {
    double v;
    try {
      v = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("tolerance '" + pair + "' has no number");
    }
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("tolerance '" + pair + "' must be a number >= 0");
    }
    return v;
  }
}
