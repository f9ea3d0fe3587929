package io.salvo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal table of a report, in the manner of Hyperfoil's {@code stats}: one line per scenario
 * and per step, then the thresholds and their verdicts.
 */
public final class StatsTable {
  private static final String[] HEADER = {
    "SCENARIO/STEP",
    "REQUESTS",
    "REQ/S",
    "MEAN",
    "p50",
    "p90",
    "p99",
    "p99.9",
    "p99.99",
    "MAX",
    "2xx",
    "3xx",
    "4xx",
    "5xx",
    "TIMEOUTS",
    "ERRORS"
  };

  private StatsTable() {}

  public static String render(Report report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Report.ScenarioReport s : report.scenarios()) {
      rows.add(row(s.name(), s.figures()));
      if (s.steps().size() > 1) {
        for (Report.StepReport st : s.steps()) {
          rows.add(row("  " + st.name(), st.figures()));
        }
      }
    }
    if (report.scenarios().size() > 1) {
      rows.add(row("(all)", report.total()));
    }
    int[] widths = new int[HEADER.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        if (i == 0) {
          sb.append(String.format("%-" + widths[0] + "s", r[0]));
        } else {
          sb.append("  ").append(String.format("%" + widths[i] + "s", r[i]));
        }
      }
      sb.append('\n');
    }
    if (!report.thresholds().isEmpty()) {
      sb.append("\nTHRESHOLDS\n");
      for (Report.ThresholdVerdict v : report.thresholds()) {
        String what = v.scenario() == null ? v.condition() : v.scenario() + ": " + v.condition();
        sb.append(
            String.format(
                "  %s  %-36s actual %s%n", v.passed() ? "PASS" : "FAIL", what, actual(v)));
      }
    }
    for (String note : report.notes()) {
      sb.append("NOTE: ").append(note).append('\n');
    }
    sb.append("\nRESULT: ").append(report.status()).append('\n');
    return sb.toString();
  }

  private static String[] row(String name, Figures f) {
    return new String[] {
      name,
      Long.toString(f.requests()),
      String.format(Locale.ROOT, "%.1f", f.throughput()),
      ms(f.latencyMs().mean()),
      ms(f.latencyMs().p50()),
      ms(f.latencyMs().p90()),
      ms(f.latencyMs().p99()),
      ms(f.latencyMs().p999()),
      ms(f.latencyMs().p9999()),
      ms(f.latencyMs().max()),
      Long.toString(f.status().get("2xx")),
      Long.toString(f.status().get("3xx")),
      Long.toString(f.status().get("4xx")),
      Long.toString(f.status().get("5xx")),
      Long.toString(f.timeouts()),
      Long.toString(f.errors())
    };
  }

  /** A latency in a readable unit: {@code 850us}, {@code 12.34ms}, {@code 1.503s}. */
  public static String ms(double millis) {
    if (millis < 1) {
      return String.format(Locale.ROOT, "%.0fus", millis * 1000);
    }
    if (millis < 1000) {
      return String.format(Locale.ROOT, "%.2fms", millis);
    }
    return String.format(Locale.ROOT, "%.3fs", millis / 1000);
  }

  static String actual(Report.ThresholdVerdict v) {
    return switch (v.unit()) {
      case "ms" -> ms(v.actual());
      case "ratio" -> String.format(Locale.ROOT, "%.3f%%", v.actual() * 100);
      case "req/s" -> String.format(Locale.ROOT, "%.1f/s", v.actual());
      default -> String.format(Locale.ROOT, "%.0f", v.actual());
    };
  }
}
