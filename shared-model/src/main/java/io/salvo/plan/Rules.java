package io.salvo.plan;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks that plan records apply to their fields; each failure names the field and rule. */
final class Rules {
  /**
   * Names travel in JMS selectors, URLs and HdrHistogram log tags: keep them to a safe alphabet.
   */
  static final Pattern NAME = Names.PATTERN;

  private Rules() {}

  /** The highest arrival rate a phase may ask for, per second (a whole cluster's). */
  static final double MAX_RATE = 10_000_000;

  static double positive(String field, double value) {
    finite(field, value);
    if (!(value > 0)) {
      throw new PlanRuleException(field, "must be > 0, was " + Numbers.format(value));
    }
    return value;
  }

  static double nonNegative(String field, double value) {
    finite(field, value);
    if (!(value >= 0)) {
      throw new PlanRuleException(field, "must be >= 0, was " + Numbers.format(value));
    }
    return value;
  }

  private static void finite(String field, double value) {
    if (Double.isInfinite(value)) {
      throw new PlanRuleException(field, "must be a finite number, was " + value);
    }
  }

  /** An arrival rate: > 0 (or >= 0 when {@code zeroAllowed}) and at most {@link #MAX_RATE}. */
  static double rate(String field, double value, boolean zeroAllowed) {
    if (zeroAllowed) {
      nonNegative(field, value);
    } else {
      positive(field, value);
    }
    if (value > MAX_RATE) {
      throw new PlanRuleException(
          field,
          "must be at most "
              + Numbers.format(MAX_RATE)
              + " per second, was "
              + Numbers.format(value));
    }
    return value;
  }

  static long positive(String field, long value) {
    if (value <= 0) {
      throw new PlanRuleException(field, "must be > 0, was " + value);
    }
    return value;
  }

  static int positive(String field, int value) {
    if (value <= 0) {
      throw new PlanRuleException(field, "must be > 0, was " + value);
    }
    return value;
  }

  static Duration positive(String field, Duration value) {
    required(field, value);
    if (value.isNegative() || value.isZero()) {
      throw new PlanRuleException(field, "must be > 0, was " + Durations.format(value));
    }
    return value;
  }

  static Duration nonNegative(String field, Duration value) {
    required(field, value);
    if (value.isNegative()) {
      throw new PlanRuleException(field, "must be >= 0, was " + Durations.format(value));
    }
    return value;
  }

  static <T> T required(String field, T value) {
    if (value == null) {
      throw new PlanRuleException(field, "is required");
    }
    return value;
  }

  static String name(String field, String value) {
    required(field, value);
    if (!NAME.matcher(value).matches()) {
      throw new PlanRuleException(
          field,
          "must be 1 to 64 letters, digits, '.', '_' or '-' starting with a letter or digit, was '"
              + value
              + "'");
    }
    return value;
  }

  static <T> List<T> nonEmpty(String field, List<T> values) {
    required(field, values);
    if (values.isEmpty()) {
      throw new PlanRuleException(field, "must not be empty");
    }
    return List.copyOf(values);
  }

  /** Index of the first value that repeats an earlier one, or -1. */
  static <T> int firstDuplicate(Collection<T> values) {
    Set<T> seen = new HashSet<>();
    int i = 0;
    for (T v : values) {
      if (!seen.add(v)) {
        return i;
      }
      i++;
    }
    return -1;
  }
}
