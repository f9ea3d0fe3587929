package io.salvo.engine;

import io.netty.channel.EventLoopGroup;
import io.salvo.engine.exec.Worker;
import io.salvo.plan.Iterations;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.Plan;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.OriginInfo;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * A node's run in progress. A collector thread takes every worker's stats at each run-relative
 * second, merges them into one {@link IntervalStats}, hands it to the listener and adds it to the
 * totals; it also enforces the graceful-stop deadline.
 */
public final class EngineRun {
  private static final long SECOND = 1_000_000_000L;

  private final Plan plan;
  private final List<ScenarioPart> parts;
  private final EngineOptions options;
  private final IntervalListener listener;
  private final EventLoopGroup group;
  private final List<Worker> workers;
  private final Instant startedAt;
  private final long t0;
  private final CompletableFuture<EngineResult> result = new CompletableFuture<>();
  private final CompletableFuture<Void> stopSignal = new CompletableFuture<>();
  private final CompletableFuture<Void> allFinished;
  private final List<OriginInfo> origins;
  private final ExecutorService codeThreads;

  EngineRun(
      Plan plan,
      List<ScenarioPart> parts,
      EngineOptions options,
      IntervalListener listener,
      EventLoopGroup group,
      List<Worker> workers,
      Instant startedAt,
      long t0,
      List<OriginInfo> origins,
      ExecutorService codeThreads) {
    this.origins = List.copyOf(origins);
    this.codeThreads = codeThreads;
    this.plan = plan;
    this.parts = parts;
    this.options = options;
    this.listener = listener;
    this.group = group;
    this.workers = workers;
    this.startedAt = startedAt;
    this.t0 = t0;
    this.allFinished =
        CompletableFuture.allOf(
            workers.stream().map(Worker::finished).toArray(CompletableFuture[]::new));
    Runnable collect = this::collect;
    Thread t =
        options.threadFactory() != null
            ? options.threadFactory().newThread(collect)
            : new Thread(collect, "salvo-collector");
    t.setDaemon(true);
    t.start();
  }

  /** How each origin was spoken to, as the preflight found (empty without a preflight). */
  public List<OriginInfo> origins() {
    return origins;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** The agreed start on this JVM's {@link System#nanoTime()} clock. */
  public long startNanoTime() {
    return t0;
  }

  /** Stops the run: no new sessions; requests in flight are abandoned, not counted. */
  public void stop() {
    stopSignal.complete(null);
  }

  public CompletableFuture<EngineResult> result() {
    return result;
  }

  public EngineResult await() throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the run failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private long plannedLengthNanos() {
    long longest = 0;
    for (ScenarioPart p : parts) {
      long sum = 0;
      for (LoadPhase phase : p.scenario().load()) {
        sum +=
            phase instanceof Iterations it
                ? it.maxDuration().toNanos()
                : phase.duration().toNanos();
      }
      longest = Math.max(longest, sum);
    }
    return longest;
  }

  private void collect() {
    try {
      result.complete(collectAll());
    } catch (Throwable e) {
      for (Worker w : workers) {
        w.stop(null);
      }
      result.completeExceptionally(e);
    } finally {
      group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
      if (codeThreads != null) {
        // Blocking code still running was given up when the run ended: interrupt it.
        codeThreads.shutdownNow();
      }
    }
  }

  private EngineResult collectAll() throws Exception {
    Map<String, ScenarioStats> totals = new LinkedHashMap<>();
    for (ScenarioPart p : parts) {
      totals.put(
          p.scenario().name(), new ScenarioStats(p.scenario().name(), p.scenario().stepNames()));
    }
    long deadline = t0 + plannedLengthNanos() + options.gracefulStop().toNanos();
    boolean stopped = false;
    boolean expired = false;
    for (int second = 0; ; second++) {
      long boundary = t0 + (second + 1) * SECOND;
      waitUntil(Math.min(boundary, stopped || expired ? Long.MAX_VALUE : deadline), !stopped);
      if (stopSignal.isDone() && !stopped) {
        stopped = true;
        for (Worker w : workers) {
          w.stop(null);
        }
        waitForWorkers(5);
      }
      if (!expired && !allFinished.isDone() && System.nanoTime() >= deadline) {
        expired = true;
        for (Worker w : workers) {
          w.stop(ErrorKind.TIMEOUT);
        }
        waitForWorkers(5);
      }
      IntervalStats interval = new IntervalStats(second);
      boolean done = true;
      for (Worker w : workers) {
        Worker.Interval i = w.takeInterval().get(10, TimeUnit.SECONDS);
        i.scenarios().forEach(interval::add);
        done &= i.done();
      }
      interval.scenarios().values().forEach(s -> totals.get(s.name()).add(s));
      deliver(interval);
      if (done) {
        break;
      }
    }
    Instant endedAt = Instant.now();
    double lag = 0;
    Map<String, Long> ends = new LinkedHashMap<>();
    Map<String, List<Histogram>> service = new LinkedHashMap<>();
    for (Worker w : workers) {
      lag = Math.max(lag, w.startLagNanos().get(10, TimeUnit.SECONDS) / 1e6);
      w.measuredEndOffsets()
          .get(10, TimeUnit.SECONDS)
          .forEach((k, v) -> ends.merge(k, v, Math::max));
      w.serviceTimes()
          .get(10, TimeUnit.SECONDS)
          .forEach(
              (k, v) -> {
                List<Histogram> mine = service.computeIfAbsent(k, x -> new ArrayList<>());
                for (int i = 0; i < v.size(); i++) {
                  if (mine.size() <= i) {
                    mine.add(new Histogram(RequestStats.SIGNIFICANT_DIGITS));
                  }
                  mine.get(i).add(v.get(i));
                }
              });
    }
    for (ScenarioPart p : parts) {
      long warmup = 0;
      for (LoadPhase phase : p.scenario().load()) {
        if (phase.warmup()) {
          warmup += phase.duration() == null ? 0 : phase.duration().toNanos();
        }
      }
      long end = ends.getOrDefault(p.scenario().name(), 0L);
      totals.get(p.scenario().name()).measured(Math.max(0, end - warmup));
    }
    return new EngineResult(startedAt, endedAt, lag, stopped, totals, service, origins);
  }

  private void deliver(IntervalStats interval) {
    try {
      listener.onInterval(interval);
    } catch (RuntimeException e) {
      System.err.println("salvo: interval listener failed: " + e);
    }
  }

  /** Waits until {@code nanoTime}, or until every worker finished, or (if asked) a stop. */
  private void waitUntil(long nanoTime, boolean wakeOnStop)
      throws InterruptedException, ExecutionException {
    long wait = nanoTime - System.nanoTime();
    if (wait <= 0) {
      return;
    }
    try {
      (wakeOnStop ? CompletableFuture.anyOf(allFinished, stopSignal) : allFinished)
          .get(wait, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // the second is over
    }
  }

  private void waitForWorkers(int seconds) throws InterruptedException, ExecutionException {
    try {
      allFinished.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // Reported through the workers' done flags; the run still ends.
    }
  }
}
