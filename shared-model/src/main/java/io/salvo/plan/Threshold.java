package io.salvo.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail condition judged on a run's merged result, written like {@code p99 < 200ms}, {@code
 * mean <= 50ms}, {@code errorRate < 1%} or {@code throughput >= 900/s}.
 *
 * @param scenario the scenario it applies to, or {@code null} for all scenarios merged
 * @param metric what is measured
 * @param operator how it compares to the limit
 * @param limit milliseconds for latencies, a fraction for error rates, requests per second for
 *     throughput, a count for counts
 */
public record Threshold(String scenario, Metric metric, Operator operator, double limit) {

  /** What a threshold measures. */
  public enum Kind {
    PERCENTILE,
    MEAN,
    MAX,
    ERROR_RATE,
    ERRORS,
    REQUESTS,
    THROUGHPUT
  }

  /** A measured quantity; {@code percentile} is only meaningful for {@link Kind#PERCENTILE}. */
  public record Metric(Kind kind, double percentile) {
    public Metric {
      if (kind == Kind.PERCENTILE && !(percentile > 0 && percentile <= 100)) {
        throw new PlanRuleException("", "percentile must be in (0, 100], was " + percentile);
      }
    }

    public boolean isLatency() {
      return kind == Kind.PERCENTILE || kind == Kind.MEAN || kind == Kind.MAX;
    }

    @Override
    public String toString() {
      return switch (kind) {
        case PERCENTILE -> "p" + Numbers.format(percentile).replace(".", "");
        case MEAN -> "mean";
        case MAX -> "max";
        case ERROR_RATE -> "errorRate";
        case ERRORS -> "errors";
        case REQUESTS -> "requests";
        case THROUGHPUT -> "throughput";
      };
    }
  }

  /** A comparison; the threshold passes when {@code measured operator limit} holds. */
  public enum Operator {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("==");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean holds(double measured, double limit) {
      return switch (this) {
        case LT -> measured < limit;
        case LE -> measured <= limit;
        case GT -> measured > limit;
        case GE -> measured >= limit;
        case EQ -> measured == limit;
      };
    }

    static Operator of(String symbol) {
      for (Operator o : values()) {
        if (o.symbol.equals(symbol)) {
          return o;
        }
      }
      throw new IllegalArgumentException(symbol);
    }
  }

  private static final Pattern EXPRESSION =
      Pattern.compile("\\s*([A-Za-z][A-Za-z0-9.]*)\\s*(<=|>=|==|<|>)\\s*(\\S+(?:\\s*\\S+)?)\\s*");
  private static final String FORMS =
      "must look like 'p99 < 200ms', 'mean <= 50ms', 'max < 2s', 'errorRate < 1%',"
          + " 'errors == 0' or 'throughput >= 900/s'";

  public Threshold {
    Rules.required("metric", metric);
    Rules.required("operator", operator);
    if (scenario != null) {
      Rules.name("scenario", scenario);
    }
    if (Double.isNaN(limit) || limit < 0) {
      throw new PlanRuleException("", "limit must be >= 0, was " + Numbers.format(limit));
    }
    if (Double.isInfinite(limit)) {
      throw new PlanRuleException("", "limit must be a finite number");
    }
    if (metric.kind() == Kind.ERROR_RATE && limit > 1) {
      throw new PlanRuleException(
          "",
          "the limit of errorRate must be between 0% and 100%, was "
              + Numbers.format(limit * 100)
              + "%");
    }
  }

  /**
   * Parses {@code metric operator limit}.
   *
   * @throws PlanRuleException naming the accepted forms
   */
  public static Threshold parse(String scenario, String expression) {
    Matcher m = EXPRESSION.matcher(expression);
    if (!m.matches()) {
      throw new PlanRuleException("", FORMS + ", was '" + expression + "'");
    }
    Metric metric = parseMetric(m.group(1), expression);
    Operator op = Operator.of(m.group(2));
    String value = m.group(3).replace(" ", "");
    double limit;
    try {
      limit =
          switch (metric.kind()) {
            case PERCENTILE, MEAN, MAX -> Durations.parse(value).toNanos() / 1e6;
            case ERROR_RATE ->
                value.endsWith("%")
                    ? Double.parseDouble(value.substring(0, value.length() - 1)) / 100
                    : Double.parseDouble(value);
            case THROUGHPUT ->
                Double.parseDouble(
                    value.endsWith("/s") ? value.substring(0, value.length() - 2) : value);
            case ERRORS, REQUESTS -> Long.parseLong(value);
          };
    } catch (IllegalArgumentException e) {
      String unit =
          switch (metric.kind()) {
            case PERCENTILE, MEAN, MAX -> "a duration such as 200ms";
            case ERROR_RATE -> "a percentage such as 1% or a fraction such as 0.01";
            case THROUGHPUT -> "requests per second such as 900/s";
            case ERRORS, REQUESTS -> "a whole number";
          };
      throw new PlanRuleException(
          "",
          "limit of "
              + metric
              + " must be "
              + unit
              + ", was '"
              + value
              + "' in '"
              + expression
              + "'");
    }
    return new Threshold(scenario, metric, op, limit);
  }

  private static Metric parseMetric(String word, String expression) {
    String w = word.toLowerCase(Locale.ROOT);
    switch (w) {
      case "mean", "avg" -> {
        return new Metric(Kind.MEAN, 0);
      }
      case "max" -> {
        return new Metric(Kind.MAX, 0);
      }
      case "errorrate" -> {
        return new Metric(Kind.ERROR_RATE, 0);
      }
      case "errors" -> {
        return new Metric(Kind.ERRORS, 0);
      }
      case "requests" -> {
        return new Metric(Kind.REQUESTS, 0);
      }
      case "throughput", "rps" -> {
        return new Metric(Kind.THROUGHPUT, 0);
      }
      default -> {}
    }
    if (w.matches("p\\d+(\\.\\d+)?")) {
      // p99 = 99, p999 = 99.9, p9999 = 99.99 (Hyperfoil's and wrk's spelling); p99.9 is also fine.
      String digits = w.substring(1);
      double p;
      if (digits.contains(".")) {
        p = Double.parseDouble(digits);
      } else if (digits.length() > 2 && digits.startsWith("99")) {
        p = Double.parseDouble("99." + digits.substring(2));
      } else {
        p = Double.parseDouble(digits);
      }
      return new Metric(Kind.PERCENTILE, p);
    }
    throw new PlanRuleException(
        "",
        "unknown metric '"
            + word
            + "' in '"
            + expression
            + "': use p50..p99.99, mean, max, errorRate, errors, requests or throughput");
  }

  /** The limit in the form the plan writes it: {@code 200ms}, {@code 1%}, {@code 900/s}. */
  public String limitText() {
    return switch (metric.kind()) {
      case PERCENTILE, MEAN, MAX -> Durations.format(Duration.ofNanos(Math.round(limit * 1e6)));
      case ERROR_RATE -> Numbers.format(Math.round(limit * 100 * 1e6) / 1e6) + "%";
      case THROUGHPUT -> Numbers.format(limit) + "/s";
      case ERRORS, REQUESTS -> Numbers.format(limit);
    };
  }

  /** {@code p99 < 200ms}. */
  public String expression() {
    return metric + " " + operator.symbol() + " " + limitText();
  }

  @Override
  public String toString() {
    return scenario == null ? expression() : scenario + ": " + expression();
  }
}
