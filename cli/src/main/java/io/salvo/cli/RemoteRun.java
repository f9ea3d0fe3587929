package io.salvo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.report.StatsTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Following a run on a coordinator: live lines, then the merged table and the report files. */
final class RemoteRun {
  static final Set<String> FINISHED = Set.of("COMPLETED", "STOPPED", "FAILED");

  private RemoteRun() {}

  /** Prints a line for each newly merged second until the run ends; returns the final run. */
  static JsonNode follow(CoordinatorClient client, String id, PrintWriter out)
      throws InterruptedException {
    int shown = -1;
    String state = "";
    while (true) {
      JsonNode run = client.run(id);
      String now = run.path("state").asText();
      if (!now.equals(state)) {
        state = now;
        out.println(
            "salvo: run "
                + id
                + " is "
                + state
                + (run.path("nodes").isEmpty() ? "" : " on " + run.path("nodes")));
      }
      if (FINISHED.contains(state)) {
        return run;
      }
      if (state.equals("RUNNING") || state.equals("STOPPING")) {
        JsonNode stats = client.stats(id);
        JsonNode last = stats.path("last");
        if (!last.isMissingNode() && !last.isNull() && last.path("second").asInt() > shown) {
          shown = last.path("second").asInt();
          out.println(
              String.format(
                  Locale.ROOT,
                  "[%4ds] %8d req/s  p50 %9s  p99 %9s  max %9s  errors %d  (merged from every node; %.1f s behind)",
                  shown + 1,
                  last.path("requests").asLong(),
                  StatsTable.ms(last.path("p50Ms").asDouble()),
                  StatsTable.ms(last.path("p99Ms").asDouble()),
                  StatsTable.ms(last.path("maxMs").asDouble()),
                  last.path("errors").asLong(),
                  stats.path("lagSeconds").asDouble()));
        }
      }
      out.flush();
      Thread.sleep(1000);
    }
  }

  /** Fetches the merged report, prints its table and saves report.json and report.html. */
  static Report fetchReport(CoordinatorClient client, String id, Path out, PrintWriter console)
      throws IOException {
    String json = client.reportJson(id);
    Report report = ReportJson.read(json);
    Path dir = ReportFiles.prepare(out, id);
    Files.writeString(dir.resolve(ReportFiles.JSON), json, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(ReportFiles.HTML), client.reportHtml(id), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(ReportFiles.HLOG), client.latencyLog(id), StandardCharsets.UTF_8);
    console.println();
    console.print(StatsTable.render(report));
    if (!report.agents().isEmpty()) {
      console.println();
      console.println("NODES");
      for (Report.AgentReport a : report.agents()) {
        console.println(
            String.format(
                Locale.ROOT,
                "  %-14s %8d requests  start offset %s%s",
                a.id(),
                a.figures().requests(),
                a.startOffsetMs() == null
                    ? "-"
                    : String.format(Locale.ROOT, "%.1f ms", a.startOffsetMs()),
                Report.AgentReport.FINISHED.equals(a.state()) ? "" : "  (" + a.state() + ")"));
      }
      if (report.startSkewMs() != null) {
        console.println(
            String.format(
                Locale.ROOT, "  start skew between nodes: %.1f ms", report.startSkewMs()));
      }
    }
    console.println(
        "Reports: "
            + dir.resolve(ReportFiles.HTML)
            + " (and report.json, "
            + ReportFiles.HLOG
            + ")");
    return report;
  }

  /** 0 passed, 1 a threshold failed or the run did not complete. */
  static int exitCode(JsonNode run) {
    return "COMPLETED".equals(run.path("state").asText())
            && "PASSED".equals(run.path("verdict").asText())
        ? ExitCodes.PASSED
        : ExitCodes.FAILED;
  }
}
