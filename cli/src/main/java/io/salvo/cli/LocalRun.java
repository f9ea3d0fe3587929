package io.salvo.cli;

import io.salvo.engine.EngineOptions;
import io.salvo.engine.EngineResult;
import io.salvo.engine.EngineRun;
import io.salvo.engine.LoadEngine;
import io.salvo.engine.TargetUnreachableException;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.report.IntervalLog;
import io.salvo.report.Report;
import io.salvo.report.ReportBuilder;
import io.salvo.report.StatsTable;
import io.salvo.stats.OriginInfo;
import io.salvo.stats.ScenarioStats;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * A run of a whole plan on this machine: the engine, a live line each second, the final table and
 * the report files. Ctrl-C stops the run and still writes its report.
 */
final class LocalRun {
  /** Time for the event loops to be ready before the first arrival is due. */
  private static final java.time.Duration START_LEAD = java.time.Duration.ofMillis(100);

  private LocalRun() {}

  /** Runs the plan; returns the report, already written to {@code dir}. */
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
    Instant startAt = Instant.now().plus(START_LEAD);
    Path hlogFile = dir.resolve(ReportFiles.HLOG);
    IntervalLog hlog =
        new IntervalLog(
            new PrintStream(Files.newOutputStream(hlogFile), false, StandardCharsets.UTF_8),
            startAt.toEpochMilli());
    ReportBuilder builder = new ReportBuilder(runId, plan);
    LiveView view = new LiveView(console);
    EngineRun run;
    try {
      run =
          LoadEngine.start(
              plan,
              options.withStartAt(startAt),
              interval -> {
                if (live) {
                  view.show(interval);
                }
                hlog.write(interval);
                builder.interval(interval);
              });
    } catch (TargetUnreachableException | RuntimeException e) {
      hlog.close();
      Files.deleteIfExists(hlogFile);
      throw e;
    }
    console.println(
        "salvo: run " + runId + " of plan " + plan.name() + " started; reports go to " + dir);
    for (OriginInfo o : run.origins()) {
      console.println("salvo: " + describe(o));
      builder.origin(o);
    }
    CountDownLatch written = new CountDownLatch(1);
    Thread onCtrlC =
        new Thread(
            () -> {
              run.stop();
              try {
                written.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      EngineResult result = run.await();
      hlog.close();
      for (ScenarioStats s : result.scenarios().values()) {
        builder.add(s);
      }
      builder.times(result.startedAt(), result.endedAt());
      if (result.stopped()) {
        builder.status("STOPPED");
      }
      Report report = builder.build();
      ReportFiles.write(dir, report);
      console.println();
      console.print(StatsTable.render(report));
      console.println(
          "Reports: " + dir.resolve(ReportFiles.HTML) + " (and report.json, latency.hlog)");
      return report;
    } finally {
      written.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and waits for the report written above.
      }
    }
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
