package io.salvo.cli;

import java.nio.file.Path;

/**
 * The report files of a run ({@link io.salvo.sdk.run.ReportFiles}), with a bad directory as a usage
 * error.
 */
final class ReportFiles {
  static final String JSON = io.salvo.sdk.run.ReportFiles.JSON;
  static final String HTML = io.salvo.sdk.run.ReportFiles.HTML;
  static final String HLOG = io.salvo.sdk.run.ReportFiles.HLOG;

  private ReportFiles() {}

  /** The directory, created now so an unwritable one fails before any load starts. */
  static Path prepare(Path out, String runId) {
    try {
      return io.salvo.sdk.run.ReportFiles.prepare(out, runId);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
