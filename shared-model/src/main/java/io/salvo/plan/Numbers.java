package io.salvo.plan;

/** Formats numbers as a user wrote them: {@code 5} rather than {@code 5.0}. */
public final class Numbers {
  private Numbers() {}

  public static String format(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
