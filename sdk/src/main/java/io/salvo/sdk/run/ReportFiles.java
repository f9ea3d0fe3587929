package io.salvo.sdk.run;

import io.salvo.report.HtmlReport;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run's report files go: {@code report.json}, {@code report.html}, {@code latency.hlog}.
 */
public final class ReportFiles {
  public static final String JSON = "report.json";
  public static final String HTML = "report.html";
  public static final String HLOG = "latency.hlog";

  private ReportFiles() {}

  /**
   * The directory ({@code out}, or {@code salvo-reports/<runId>}), created now so an unwritable one
   * fails before any load starts.
   *
   * @throws IllegalArgumentException naming the directory and why it cannot be used
   */
  public static Path prepare(Path out, String runId) {
    Path dir = out != null ? out : Path.of("salvo-reports", runId);
    try {
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        throw new IllegalArgumentException("cannot write reports to " + dir + ": not writable");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot create the report directory " + dir + ": " + e.getMessage());
    }
    return dir;
  }

  public static void write(Path dir, Report report) throws IOException {
    Files.writeString(dir.resolve(JSON), ReportJson.write(report), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(HTML), HtmlReport.render(report), StandardCharsets.UTF_8);
  }
}
