package io.salvo.report;

import java.util.List;
import java.util.Locale;

/** A line chart drawn as inline SVG, so a report opens without any network or script. */
final class SvgChart {
  /** One line: its name, colour and points (x ascending). */
  record Series(String name, String color, double[] x, double[] y) {}

  private static final int WIDTH = 920;
  private static final int HEIGHT = 280;
  private static final int LEFT = 70;
  private static final int RIGHT = 150;
  private static final int TOP = 30;
  private static final int BOTTOM = 40;

  private SvgChart() {}

  /** A label on the x axis at a position in the series' x units. */
  record Tick(double x, String label) {}

  static String render(String title, String xLabel, String yUnit, List<Series> series) {
    return render(title, xLabel, yUnit, series, null);
  }

  /**
   * Latency distributions on HdrHistogram's percentile plot: x is {@code log10(1 / (1 -
   * percentile))}, labelled 0%, 90%, 99%, 99.9%...
   *
   * @param series x in percent (below 100), y in milliseconds
   */
  static String percentiles(String title, List<Series> series) {
    List<Series> mapped = new java.util.ArrayList<>();
    double maxX = 1;
    for (Series s : series) {
      double[] x = new double[s.x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.log10(1 / (1 - s.x[i] / 100));
        maxX = Math.max(maxX, x[i]);
      }
      mapped.add(new Series(s.name, s.color, x, s.y));
    }
    List<Tick> ticks = new java.util.ArrayList<>();
    for (int nines = 0; nines <= Math.ceil(maxX); nines++) {
      String label =
          java.math.BigDecimal.valueOf(100 - Math.pow(10, 2 - nines))
                  .stripTrailingZeros()
                  .toPlainString()
              + "%";
      ticks.add(new Tick(nines, label));
    }
    return render(title, "percentile", "ms", mapped, ticks);
  }

  /** One horizontal bar per name, with its value written beside it. */
  static String bars(String title, String unit, List<String> names, List<Double> values) {
    int rowH = 22;
    int height = TOP + 10 + rowH * names.size();
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double plotW = WIDTH - LEFT - RIGHT - 80;
    int left = LEFT + 80;
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" class=\"chart\">"
                + "<text x=\"%d\" y=\"18\" class=\"title\">%s</text>",
            WIDTH,
            height,
            LEFT,
            Html.escape(title)));
    for (int i = 0; i < names.size(); i++) {
      double w = max <= 0 ? 0 : values.get(i) / max * plotW;
      int y = TOP + 6 + i * rowH;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%s</text>"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"#1f77b4\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s %s</text>",
              left - 6,
              y + 11,
              Html.escape(names.get(i)),
              left,
              y,
              w,
              left + w + 6,
              y + 11,
              label(Math.round(values.get(i) * 10) / 10.0),
              Html.escape(unit)));
    }
    return sb.append("</svg>").toString();
  }

  private static String render(
      String title, String xLabel, String yUnit, List<Series> series, List<Tick> xTicks) {
    double maxX = 1;
    double maxY = 0;
    for (Series s : series) {
      for (double v : s.x) {
        maxX = Math.max(maxX, v);
      }
      for (double v : s.y) {
        maxY = Math.max(maxY, v);
      }
    }
    double stepY = niceStep(maxY <= 0 ? 1 : maxY / 5);
    double topY = Math.max(stepY, Math.ceil(maxY / stepY) * stepY);
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" class=\"chart\">",
            WIDTH,
            HEIGHT));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" class=\"title\">%s</text>",
            LEFT,
            Html.escape(title)));
    for (double v = 0; v <= topY + stepY / 2; v += stepY) {
      double y = TOP + plotH - v / topY * plotH;
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
              LEFT,
              LEFT + plotW,
              y,
              y,
              LEFT - 6,
              y + 4,
              label(v) + yUnit));
    }
    List<Tick> ticks = xTicks;
    if (ticks == null) {
      ticks = new java.util.ArrayList<>();
      double stepX = niceStep(maxX / 10);
      for (double v = 0; v <= maxX + 1e-9; v += stepX) {
        ticks.add(new Tick(v, label(v)));
      }
    }
    for (Tick t : ticks) {
      double x = LEFT + t.x() / maxX * plotW;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
              x,
              HEIGHT - BOTTOM + 16,
              Html.escape(t.label())));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
            LEFT + plotW / 2,
            HEIGHT - 6,
            Html.escape(xLabel)));
    int legendY = TOP + 10;
    for (Series s : series) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < s.x.length; i++) {
        pts.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                LEFT + s.x[i] / maxX * plotW,
                TOP + plotH - s.y[i] / topY * plotH));
      }
      sb.append(
          String.format(
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"%s\"/>",
              s.color, pts.toString().trim()));
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>",
              LEFT + plotW + 12,
              legendY - 3,
              s.color,
              LEFT + plotW + 30,
              legendY + 1,
              Html.escape(s.name)));
      legendY += 16;
    }
    sb.append("</svg>");
    return sb.toString();
  }

  static double niceStep(double raw) {
    double pow = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / pow;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * pow;
  }

  private static String label(double v) {
    if (v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
