package io.salvo.cli;

import io.salvo.engine.EngineOptions;
import io.salvo.engine.TargetUnreachableException;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.report.Report;
import io.salvo.report.StatsTable;
import io.salvo.sdk.run.RunIds;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.OriginInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code salvo run}: a whole plan on this machine ({@link io.salvo.sdk.run.LocalRun}), with a live
 * line each second, the final table and where the report files went.
 */
final class LocalRun {
  private LocalRun() {}

  /** Runs the plan; returns the report, already written to {@code out}. */
  static Report execute(
      Plan plan, Path out, EngineOptions options, PrintWriter console, boolean live)
      throws TargetUnreachableException, IOException, InterruptedException {
    if (plan.cluster().nodeType() != NodeType.SINGLE_NODE) {
      console.println(
          "note: the plan's cluster section says "
              + plan.cluster().nodeType()
              + "; salvo run runs every scenario on this machine (salvo start runs it on a cluster)");
    }
    String runId = RunIds.next();
    Path dir = ReportFiles.prepare(out, runId);
    LiveView view = new LiveView(console);
    Report report =
        io.salvo.sdk.run.LocalRun.execute(
            plan,
            runId,
            dir,
            options,
            new io.salvo.sdk.run.LocalRun.Listener() {
              @Override
              public void started(String id, Path where, List<OriginInfo> origins) {
                console.println(
                    "salvo: run "
                        + id
                        + " of plan "
                        + plan.name()
                        + " started; reports go to "
                        + where);
                for (OriginInfo o : origins) {
                  console.println("salvo: " + describe(o));
                }
              }

              @Override
              public void interval(IntervalStats interval) {
                if (live) {
                  view.show(interval);
                }
              }
            });
    console.println();
    console.print(StatsTable.render(report));
    console.println(
        "Reports: "
            + dir.resolve(io.salvo.sdk.run.ReportFiles.HTML)
            + " (and report.json, latency.hlog)");
    return report;
  }

  /**
   * {@code https://host:8443 speaks h2 over TLSv1.3 (TLS_AES_128_GCM_SHA256, openssl), verified}.
   */
  static String describe(OriginInfo o) {
    String s = o.origin() + " speaks " + o.protocol();
    if (o.tlsVersion() != null) {
      s +=
          " over "
              + o.tlsVersion()
              + " ("
              + o.cipher()
              + ", "
              + o.tlsProvider()
              + "), "
              + (o.verified()
                  ? "certificate verified"
                  : "certificate NOT verified (insecure: true)");
    }
    return s;
  }

  static int exitCode(Report report) {
    return report.passed() ? ExitCodes.PASSED : ExitCodes.FAILED;
  }
}
