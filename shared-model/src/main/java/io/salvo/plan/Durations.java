package io.salvo.plan;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: {@code 250ms}, {@code 10s}, {@code 1m30s}, {@code 2h}, {@code
 * 500us}. A bare number is refused: {@code 10} could mean seconds or milliseconds.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");

  /** The longest duration a plan may give: 31 days (744h). */
  public static final Duration MAX = Duration.ofDays(31);

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static Duration parse(String text) {
    String s = text.trim();
    double total = 0;
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("must be >= 0, was " + s);
    }
    Matcher m = PART.matcher(s);
    long nanos = 0;
    int at = 0;
    while (at < s.length() && m.find(at) && m.start() == at) {
      double amount = Double.parseDouble(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      total += amount * unit;
      nanos += Math.round(amount * unit);
      at = m.end();
    }
    if (total > MAX.toNanos()) {
      throw new IllegalArgumentException(
          "must be at most " + format(MAX) + " (31 days), was '" + text + "'");
    }
    if (at == 0 || at != s.length()) {
      throw new IllegalArgumentException(
          "must be a duration such as 500ms, 10s, 1m30s or 2h, was '" + text + "'");
    }
    return Duration.ofNanos(nanos);
  }

  /** The shortest exact form: {@code 1m30s}, {@code 250ms}, {@code 0s}. */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    if (nanos % 1_000_000_000L != 0) {
      if (nanos % 1_000_000L == 0) {
        return (nanos / 1_000_000L) + "ms";
      }
      if (nanos % 1_000L == 0) {
        return (nanos / 1_000L) + "us";
      }
      return (nanos / 1000.0) + "us";
    }
    long seconds = nanos / 1_000_000_000L;
    StringBuilder sb = new StringBuilder();
    if (seconds >= 3600) {
      sb.append(seconds / 3600).append('h');
      seconds %= 3600;
    }
    if (seconds >= 60) {
      sb.append(seconds / 60).append('m');
      seconds %= 60;
    }
    if (seconds > 0) {
      sb.append(seconds).append('s');
    }
    return sb.toString();
  }
}
