package io.salvo.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained {@code report.html}: summary, thresholds, throughput, latency percentiles and
 * errors over time, the latency distribution on a percentile plot (from the merged histograms), and
 * each node's part and throughput, as inline SVG. It loads nothing from the network.
 */
public final class HtmlReport {
  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
  };

  private HtmlReport() {}

  public static String render(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    sb.append("<title>Salvo report ").append(Html.escape(r.runId())).append("</title><style>");
    sb.append(
        "body{font-family:system-ui,sans-serif;margin:24px;color:#222}"
            + "table{border-collapse:collapse;margin:8px 0 20px}"
            + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:right;font-size:13px}"
            + "th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}"
            + ".PASSED,.pass{color:#1a7f37;font-weight:bold}"
            + ".FAILED,.fail,.ERROR,.STOPPED{color:#c62828;font-weight:bold}"
            + ".chart{width:100%;max-width:920px;display:block;margin:8px 0 16px}"
            + ".chart .title{font-size:14px;font-weight:bold}.chart .tick{font-size:11px;fill:#555}"
            + ".chart .grid{stroke:#e5e5e5}");
    sb.append("</style></head><body>");
    sb.append("<h1>Salvo run ").append(Html.escape(r.runId())).append("</h1>");
    sb.append("<p>Plan <b>")
        .append(Html.escape(r.plan()))
        .append("</b>, status <span class=\"")
        .append(Html.escape(r.status()))
        .append("\">")
        .append(Html.escape(r.status()))
        .append("</span>, started ")
        .append(r.startedAt())
        .append(", ended ")
        .append(r.endedAt())
        .append(String.format(Locale.ROOT, ", measured window %.1f s", r.measuredSeconds()));
    if (r.startSkewMs() != null) {
      sb.append(String.format(Locale.ROOT, ", start skew between nodes %.2f ms", r.startSkewMs()));
    }
    sb.append(".</p>");
    sb.append(
        "<p>Latency is measured from each request's intended start, so a stalled target shows"
            + " in the percentiles (no coordinated omission).</p>");

    sb.append(
        "<h2>Summary</h2><table><tr><th>scenario / step</th><th>requests</th><th>req/s</th>"
            + "<th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>p99.99</th>"
            + "<th>max</th><th>2xx</th><th>3xx</th><th>4xx</th><th>5xx</th><th>timeouts</th>"
            + "<th>errors</th></tr>");
    for (Report.ScenarioReport s : r.scenarios()) {
      row(
          sb,
          "<b>" + Html.escape(s.name()) + "</b> (" + Html.escape(s.distribution()) + ")",
          s.figures());
      if (s.steps().size() > 1) {
        for (Report.StepReport st : s.steps()) {
          row(sb, "&nbsp;&nbsp;" + Html.escape(st.name()), st.figures());
        }
      }
    }
    if (r.scenarios().size() > 1) {
      row(sb, "<i>all scenarios</i>", r.total());
    }
    sb.append("</table>");

    if (!r.thresholds().isEmpty()) {
      sb.append(
          "<h2>Thresholds</h2><table><tr><th>threshold</th><th>actual</th><th>verdict</th></tr>");
      for (Report.ThresholdVerdict v : r.thresholds()) {
        String what = v.scenario() == null ? v.condition() : v.scenario() + ": " + v.condition();
        sb.append("<tr><td>")
            .append(Html.escape(what))
            .append("</td><td>")
            .append(Html.escape(StatsTable.actual(v)))
            .append("</td><td class=\"")
            .append(v.passed() ? "pass\">PASS" : "fail\">FAIL")
            .append("</td></tr>");
      }
      sb.append("</table>");
    }
    if (!r.notes().isEmpty()) {
      sb.append("<h2>Notes</h2><ul>");
      r.notes().forEach(n -> sb.append("<li>").append(Html.escape(n)).append("</li>"));
      sb.append("</ul>");
    }

    sb.append("<h2>Over time</h2>");
    Map<String, List<Report.TimelinePoint>> byScenario = new LinkedHashMap<>();
    for (Report.TimelinePoint p : r.timeline()) {
      byScenario.computeIfAbsent(p.scenario(), k -> new ArrayList<>()).add(p);
    }
    List<SvgChart.Series> throughput = new ArrayList<>();
    int c = 0;
    for (Map.Entry<String, List<Report.TimelinePoint>> e : byScenario.entrySet()) {
      List<Report.TimelinePoint> pts = e.getValue();
      throughput.add(
          series(e.getKey(), COLORS[c++ % COLORS.length], pts, p -> (double) p.requests()));
    }
    sb.append(
        SvgChart.render(
            "Throughput (requests completed per second)", "seconds since start", "", throughput));
    for (Map.Entry<String, List<Report.TimelinePoint>> e : byScenario.entrySet()) {
      List<Report.TimelinePoint> pts = e.getValue();
      sb.append(
          SvgChart.render(
              "Latency of " + e.getKey() + " (from intended start)",
              "seconds since start",
              "ms",
              List.of(
                  series("p50", COLORS[2], pts, Report.TimelinePoint::p50Ms),
                  series("p90", COLORS[0], pts, Report.TimelinePoint::p90Ms),
                  series("p99", COLORS[3], pts, Report.TimelinePoint::p99Ms),
                  series("max", COLORS[1], pts, Report.TimelinePoint::maxMs))));
    }

    List<SvgChart.Series> errors = new ArrayList<>();
    c = 0;
    for (Map.Entry<String, List<Report.TimelinePoint>> e : byScenario.entrySet()) {
      errors.add(
          series(e.getKey(), COLORS[c++ % COLORS.length], e.getValue(), p -> (double) p.errors()));
    }
    sb.append(
        SvgChart.render(
            "Errors per second (timeouts and failed checks included)",
            "seconds since start",
            "",
            errors));

    List<SvgChart.Series> distributions = new ArrayList<>();
    c = 0;
    for (Report.ScenarioReport s : r.scenarios()) {
      distributions.add(distribution(s.name(), COLORS[c++ % COLORS.length], s.figures()));
    }
    if (r.scenarios().size() > 1) {
      distributions.add(distribution("all scenarios", "#333333", r.total()));
    }
    sb.append("<h2>Latency distribution</h2>");
    sb.append(
        SvgChart.percentiles(
            "Latency by percentile (whole run, from the merged histogram)", distributions));

    if (!r.agents().isEmpty()) {
      sb.append("<h2>Nodes</h2>");
      sb.append(
          SvgChart.bars(
              "Throughput of each node",
              "req/s",
              r.agents().stream().map(Report.AgentReport::id).toList(),
              r.agents().stream().map(a -> a.figures().throughput()).toList()));
      sb.append(
          "<table><table><tr><th>node</th><th>group</th><th>state</th><th>start offset</th>"
              + "<th>requests</th><th>req/s</th><th>p50</th><th>p99</th><th>max</th><th>errors</th></tr>");
      for (Report.AgentReport a : r.agents()) {
        Figures f = a.figures();
        sb.append("<tr><td>")
            .append(Html.escape(a.id()))
            .append("</td><td>")
            .append(Html.escape(a.group() == null ? "" : a.group()))
            .append("</td><td>")
            .append(Html.escape(a.state() == null ? "" : a.state()))
            .append("</td><td>")
            .append(
                a.startOffsetMs() == null
                    ? ""
                    : String.format(Locale.ROOT, "%.2f ms", a.startOffsetMs()))
            .append("</td><td>")
            .append(f.requests())
            .append("</td><td>")
            .append(String.format(Locale.ROOT, "%.1f", f.throughput()))
            .append("</td><td>")
            .append(StatsTable.ms(f.latencyMs().p50()))
            .append("</td><td>")
            .append(StatsTable.ms(f.latencyMs().p99()))
            .append("</td><td>")
            .append(StatsTable.ms(f.latencyMs().max()))
            .append("</td><td>")
            .append(f.errors())
            .append("</td></tr>");
      }
      sb.append("</table>");
    }
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static SvgChart.Series distribution(String name, String color, Figures f) {
    List<double[]> points =
        f.latencyHistogram() == null
            ? List.of()
            : Comparison.distribution(io.salvo.stats.Histograms.decode(f.latencyHistogram()));
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = points.get(i)[0];
      ys[i] = points.get(i)[1];
    }
    return new SvgChart.Series(name, color, xs, ys);
  }

  private static SvgChart.Series series(
      String name,
      String color,
      List<Report.TimelinePoint> pts,
      java.util.function.ToDoubleFunction<Report.TimelinePoint> y) {
    double[] xs = new double[pts.size()];
    double[] ys = new double[pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      xs[i] = pts.get(i).second();
      ys[i] = y.applyAsDouble(pts.get(i));
    }
    return new SvgChart.Series(name, color, xs, ys);
  }

  private static void row(StringBuilder sb, String nameHtml, Figures f) {
    sb.append("<tr><td>")
        .append(nameHtml)
        .append("</td><td>")
        .append(f.requests())
        .append("</td><td>")
        .append(String.format(Locale.ROOT, "%.1f", f.throughput()));
    for (double v :
        new double[] {
          f.latencyMs().mean(),
          f.latencyMs().p50(),
          f.latencyMs().p90(),
          f.latencyMs().p99(),
          f.latencyMs().p999(),
          f.latencyMs().p9999(),
          f.latencyMs().max()
        }) {
      sb.append("</td><td>").append(StatsTable.ms(v));
    }
    for (String cls : new String[] {"2xx", "3xx", "4xx", "5xx"}) {
      sb.append("</td><td>").append(f.status().get(cls));
    }
    sb.append("</td><td>")
        .append(f.timeouts())
        .append("</td><td>")
        .append(f.errors())
        .append("</td></tr>");
  }
}
