package io.salvo.report;

import io.salvo.stats.IntervalStats;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.io.PrintStream;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run's per-second latency histograms as an HdrHistogram interval log ({@code .hlog}), so
 * HdrHistogram's own tools ({@code HistogramLogProcessor}, HdrHistogram's plotter) read the data.
 * Values are microseconds. Each interval has one histogram tagged with the scenario's name and one
 * per step tagged {@code scenario/step}.
 */
public final class IntervalLog implements AutoCloseable {
  private static final Pattern UNSAFE = Pattern.compile("[\\s,=]");

  private final HistogramLogWriter writer;
  private final PrintStream out;
  private final long startEpochMs;

  public IntervalLog(PrintStream out, long startEpochMs) {
    this.out = out;
    this.startEpochMs = startEpochMs;
    this.writer = new HistogramLogWriter(out);
    writer.outputComment("Salvo latency intervals, values in microseconds");
    writer.outputLogFormatVersion();
    writer.outputStartTime(startEpochMs);
    writer.setBaseTime(startEpochMs);
    writer.outputLegend();
  }

  public void write(IntervalStats interval) {
    for (ScenarioStats s : interval.scenarios().values()) {
      write(interval.second(), tag(s.name()), s.total());
      if (s.steps().size() > 1) {
        s.steps()
            .forEach((step, stats) -> write(interval.second(), tag(s.name() + "/" + step), stats));
      }
    }
    out.flush();
  }

  private void write(int second, String tag, RequestStats stats) {
    Histogram h = stats.latencyMicros().copy();
    h.setTag(tag);
    // The ratio turns the "Interval_Max" column from microseconds into milliseconds.
    writer.outputIntervalHistogram(second, second + 1, h, 1000.0);
  }

  /** HdrHistogram log tags may not hold whitespace, commas or '='. */
  static String tag(String name) {
    return UNSAFE.matcher(name).replaceAll("_");
  }

  @Override
  public void close() {
    out.close();
  }
}
