package io.salvo.report;

import java.util.Locale;

/** A {@link Comparison} as the text table {@code salvo compare} prints. */
public final class ComparisonTable {
  private ComparisonTable() {}

  public static String render(Comparison c) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "base      %s (%s, %s)%ncandidate %s (%s, %s)%n",
            c.base().runId(),
            c.base().plan(),
            c.base().status(),
            c.candidate().runId(),
            c.candidate().plan(),
            c.candidate().status()));
    for (Comparison.Part p : c.parts()) {
      b.append(System.lineSeparator())
          .append(p.scenario() == null ? "all scenarios" : "scenario " + p.scenario())
          .append(": ")
          .append(p.verdict())
          .append(System.lineSeparator());
      b.append(
          String.format(
              Locale.ROOT,
              "  %-11s %12s %12s %12s %9s %10s  %s%n",
              "METRIC",
              "BASE",
              "CANDIDATE",
              "DELTA",
              "CHANGE",
              "TOLERANCE",
              "VERDICT"));
      for (Comparison.Metric m : p.metrics()) {
        b.append(
            String.format(
                Locale.ROOT,
                "  %-11s %12s %12s %12s %9s %10s  %s%n",
                m.name() + " " + m.unit(),
                number(m.base()),
                number(m.candidate()),
                (m.delta() > 0 ? "+" : "") + number(m.delta()),
                m.relativePercent() == null
                    ? "-"
                    : String.format(Locale.ROOT, "%+.1f%%", m.relativePercent()),
                m.tolerance() == null
                    ? "-"
                    : "±" + number(m.tolerance()) + (m.name().equals("errorRate") ? "pt" : "%"),
                m.verdict()));
      }
    }
    for (String n : c.notes()) {
      b.append("note: ").append(n).append(System.lineSeparator());
    }
    b.append(System.lineSeparator())
        .append("verdict: ")
        .append(c.verdict())
        .append(" (tolerances ")
        .append(c.tolerances())
        .append(')')
        .append(System.lineSeparator());
    return b.toString();
  }

  private static String number(double v) {
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
