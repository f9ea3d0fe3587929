package io.salvo.sdk.run;

import io.salvo.engine.EngineOptions;
import io.salvo.engine.EngineResult;
import io.salvo.engine.EngineRun;
import io.salvo.engine.LoadEngine;
import io.salvo.engine.TargetUnreachableException;
import io.salvo.plan.Plan;
import io.salvo.report.IntervalLog;
import io.salvo.report.Report;
import io.salvo.report.ReportBuilder;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.OriginInfo;
import io.salvo.stats.ScenarioStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A run of a whole plan on this machine (what {@code salvo run} and the SDK's single node do): the
 * engine, the report built from its seconds, and the report files ({@code report.json}, {@code
 * report.html}, {@code latency.hlog}). Ctrl-C stops the run and still writes its report.
 */
public final class LocalRun {
  /** Time for the event loops to be ready before the first arrival is due. */
  private static final Duration START_LEAD = Duration.ofMillis(100);

  /** What a caller sees of the run as it goes. */
  public interface Listener {
    /** The load is about to start; {@code origins} says how each origin was spoken to. */
    default void started(String runId, Path dir, List<OriginInfo> origins) {}

    /** A second of merged figures. */
    default void interval(IntervalStats interval) {}
  }

  private LocalRun() {}

  /**
   * Runs the plan; returns the report, already written to {@code dir}.
   *
   * @param dir an existing, writable directory ({@link ReportFiles#prepare})
   */
  public static Report execute(
      Plan plan, String runId, Path dir, EngineOptions options, Listener listener)
      throws TargetUnreachableException, IOException, InterruptedException {
    Instant startAt = Instant.now().plus(START_LEAD);
    Path hlogFile = dir.resolve(ReportFiles.HLOG);
    IntervalLog hlog =
        new IntervalLog(
            new PrintStream(Files.newOutputStream(hlogFile), false, StandardCharsets.UTF_8),
            startAt.toEpochMilli());
    ReportBuilder builder = new ReportBuilder(runId, plan);
    EngineRun run;
    try {
      run =
          LoadEngine.start(
              plan,
              options.withStartAt(startAt),
              interval -> {
                listener.interval(interval);
                hlog.write(interval);
                builder.interval(interval);
              });
    } catch (TargetUnreachableException | RuntimeException e) {
      hlog.close();
      Files.deleteIfExists(hlogFile);
      throw e;
    }
    for (OriginInfo o : run.origins()) {
      builder.origin(o);
    }
    listener.started(runId, dir, run.origins());
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
}
