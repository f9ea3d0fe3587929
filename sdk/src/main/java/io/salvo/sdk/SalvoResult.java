package io.salvo.sdk;

import io.salvo.report.Report;
import java.nio.file.Path;

/**
 * A finished run: its merged report and where its files went ({@code report.json}, {@code
 * report.html}, {@code latency.hlog}).
 */
public record SalvoResult(Report report, Path directory) {
  /** Whether every threshold passed and the run completed. */
  public boolean passed() {
    return report.passed();
  }
}
