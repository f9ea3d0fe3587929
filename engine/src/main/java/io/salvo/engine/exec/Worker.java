package io.salvo.engine.exec;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.salvo.engine.ScenarioPart;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.engine.http.OriginPool;
import io.salvo.engine.http.OriginSetup;
import io.salvo.engine.http.RequestPlan;
import io.salvo.engine.http.Response;
import io.salvo.engine.schedule.ArrivalSchedule;
import io.salvo.engine.session.FeederCursor;
import io.salvo.engine.session.Slots;
import io.salvo.plan.BodyCheck;
import io.salvo.plan.CodeStep;
import io.salvo.plan.ConstantUsers;
import io.salvo.plan.Extractor;
import io.salvo.plan.Feeder;
import io.salvo.plan.HttpProtocol;
import io.salvo.plan.HttpStep;
import io.salvo.plan.HttpUrls;
import io.salvo.plan.Iterations;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import io.salvo.plan.Step;
import io.salvo.plan.Target;
import io.salvo.plan.ThinkTime;
import io.salvo.split.Shares;
import io.salvo.split.Stripe;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.ScenarioStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Everything one event loop does for a run: its connection pools, its stripe of each scenario's
 * load, and the stats of the current second. Built on any thread; from {@link #start} on, its state
 * is touched only on its loop, so the hot path takes no locks.
 */
public final class Worker {
  /** What a worker hands over at the end of each second. */
  public record Interval(List<ScenarioStats> scenarios, boolean done) {}

  private final EventLoop loop;
  private final List<ScenarioRun> runs = new ArrayList<>();
  private final List<OriginPool> pools = new ArrayList<>();
  private final long requestTimeoutNanos;
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private int scenariosDone;
  private long t0;
  private long startedAt;
  private ScheduledFuture<?> sweeper;
  private final CodeSupport code;
  private CodeClient codeClient;

  /**
   * @param index this worker's place among {@code workers} on the node
   * @param origins how to open connections, by {@link #originKey}
   * @param feeders the node's feeder cursors, shared by its workers: the first worker that needs
   *     one (by scenario and feeder name) puts it there
   */
  public Worker(
      EventLoop loop,
      int index,
      int workers,
      Plan plan,
      List<ScenarioPart> parts,
      Bootstrap bootstrap,
      Map<String, OriginSetup> origins,
      Map<String, FeederCursor> feeders,
      boolean recordServiceTime,
      CodeSupport code) {
    this.loop = loop;
    this.code = code;
    Target target = plan.target();
    this.requestTimeoutNanos = target.requestTimeout().toNanos();
    SplittableRandom random = new SplittableRandom(System.nanoTime() ^ ((long) index << 32));
    Map<String, OriginPool> byOrigin = new HashMap<>();
    int connections = (int) Math.max(1, Shares.of(target.maxConnections(), index, workers));
    Bootstrap bound = bootstrap.clone().group(loop);
    for (ScenarioPart part : parts) {
      Scenario scenario = part.scenario();
      Slots slots = Slots.of(plan, scenario);
      List<String> names = scenario.stepNames();
      List<FeederCursor> cursors = new ArrayList<>();
      List<int[]> columnSlots = new ArrayList<>();
      for (String f : scenario.feed()) {
        Feeder feeder = plan.feeder(f);
        columnSlots.add(feeder.columns().stream().mapToInt(slots::of).toArray());
        Stripe rows = feeder.strategy() == Feeder.Strategy.UNIQUE ? part.rowStripe() : Stripe.WHOLE;
        cursors.add(
            feeders.computeIfAbsent(
                scenario.name() + " " + f, k -> new FeederCursor(feeder, rows)));
      }
      List<LoadPhase> load = scenario.load();
      long[] offsets = new long[load.size()];
      long at = 0;
      for (int i = 0; i < load.size(); i++) {
        offsets[i] = at;
        LoadPhase p = load.get(i);
        at += p.duration() == null ? 0 : p.duration().toNanos();
      }
      long plannedEnd = load.get(load.size() - 1) instanceof Iterations ? -1 : at;
      Driver[] drivers = new Driver[load.size()];
      int maxInFlight = (int) Math.max(1, Shares.of(scenario.maxInFlight(), index, workers));
      ScenarioRun run =
          new ScenarioRun(
              this,
              scenario,
              names,
              drivers,
              offsets,
              plannedEnd,
              maxInFlight,
              recordServiceTime,
              slots.size(),
              target.cookies(),
              cursors.toArray(new FeederCursor[0]),
              columnSlots.toArray(new int[0][]),
              random.split(),
              slots);
      List<StepPlan> steps = new ArrayList<>();
      int statIndex = 0;
      for (Step step : scenario.steps()) {
        if (step instanceof HttpStep h) {
          RequestPlan request = RequestPlan.of(target, h, slots);
          HttpProtocol protocol = h.http() != null ? h.http() : target.http();
          String key = originKey(HttpUrls.origin(h.origin(target)), protocol);
          OriginPool pool =
              byOrigin.computeIfAbsent(
                  key,
                  k -> {
                    OriginPool p = new OriginPool(bound, origins.get(k), connections);
                    pools.add(p);
                    return p;
                  });
          List<Extraction> extractors = new ArrayList<>();
          int capture = target.cookies() ? Response.COOKIES : 0;
          for (Extractor e : h.extract()) {
            extractors.add(new Extraction(e, slots.of(e.name())));
            capture |=
                switch (e.kind()) {
                  case HEADER -> Response.HEADERS;
                  case COOKIE -> Response.COOKIES;
                  default -> Response.BODY;
                };
          }
          List<BodyCheckRule> checks = new ArrayList<>();
          for (BodyCheck c : h.checks()) {
            checks.add(new BodyCheckRule(c, slots));
            capture |= Response.BODY;
          }
          int stat = statIndex++;
          steps.add(
              new StepPlan(
                  request,
                  pool,
                  h.expect(),
                  h.expect().label(),
                  extractors.toArray(new Extraction[0]),
                  checks.toArray(new BodyCheckRule[0]),
                  capture,
                  stat,
                  0,
                  nanos -> run.recordHandshake(stat, ScenarioRun.MEASURED, nanos),
                  nanos -> run.recordHandshake(stat, ScenarioRun.WARMUP, nanos),
                  null));
        } else if (step instanceof CodeStep c) {
          CodeRegistry.Entry entry = code.registry().get(c.name());
          if (entry == null) {
            throw new IllegalArgumentException(
                code.registry().missing(List.of(part)).orElseThrow());
          }
          steps.add(StepPlan.code(entry, statIndex++));
          if (codeClient == null) {
            codeClient =
                new CodeClient(this, bound, target, connections, code.allowed(), code.origins());
          }
        } else {
          steps.add(StepPlan.think(((ThinkTime) step).duration().toNanos()));
        }
      }
      run.setSteps(steps.toArray(new StepPlan[0]));
      Stripe stripe = part.stripe().sub(index, workers);
      for (int i = 0; i < load.size(); i++) {
        LoadPhase p = load.get(i);
        // An int, not a boolean: the hot path indexes by it instead of branching on it, so the
        // JIT's code for the warm-up is the code of the measured part (a branch never taken in the
        // warm-up would be compiled as a trap, and the first measured request would deoptimize).
        int kind = p.warmup() ? ScenarioRun.WARMUP : ScenarioRun.MEASURED;
        Driver d;
        if (p.open()) {
          d = new OpenDriver(run, ArrivalSchedule.of(p), stripe, kind);
        } else {
          long all = p instanceof ConstantUsers u ? u.users() : ((Iterations) p).users();
          long nodeUsers = part.users(all);
          long users = Shares.of(nodeUsers, index, workers);
          long first = part.firstUser(all) + Shares.offset(nodeUsers, index, workers);
          if (p instanceof ConstantUsers u) {
            d = new ClosedDriver(run, users, 0, u.duration().toNanos(), kind, first, all);
          } else {
            Iterations it = (Iterations) p;
            d =
                new ClosedDriver(
                    run, users, it.iterations(), it.maxDuration().toNanos(), kind, first, all);
          }
        }
        if (d instanceof ClosedDriver c
            && i > 0
            && drivers[i - 1] instanceof ClosedDriver earlier) {
          c.follow(earlier);
        }
        run.setDriver(i, d);
      }
      runs.add(run);
    }
  }

  /** The key of an origin's connection setup: the same origin may be spoken to in two versions. */
  public static String originKey(String origin, HttpProtocol protocol) {
    return origin + " " + protocol.label();
  }

  EventLoop loop() {
    return loop;
  }

  CodeSupport code() {
    return code;
  }

  CodeClient codeClient() {
    return codeClient;
  }

  /** A pool code's HTTP client opened (on the loop): swept for timeouts, shut down at the end. */
  void addPool(OriginPool p) {
    pools.add(p);
  }

  /** Starts this worker's load at {@code t0Nanos} ({@link System#nanoTime()} clock). */
  public void start(long t0Nanos) {
    this.t0 = t0Nanos;
    loop.schedule(this::begin, Math.max(0, t0Nanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void begin() {
    startedAt = System.nanoTime();
    long sweep =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(10),
            Math.min(requestTimeoutNanos / 10, TimeUnit.SECONDS.toNanos(1)));
    sweeper =
        loop.scheduleAtFixedRate(
            () -> {
              long now = System.nanoTime();
              for (OriginPool p : pools) {
                p.expire(now, requestTimeoutNanos);
              }
              for (ScenarioRun r : runs) {
                r.expireCode(now, requestTimeoutNanos);
              }
            },
            sweep,
            sweep,
            TimeUnit.NANOSECONDS);
    for (ScenarioRun r : runs) {
      r.start(t0);
    }
    if (runs.isEmpty()) {
      complete();
    }
  }

  void scenarioDone() {
    if (++scenariosDone == runs.size()) {
      complete();
    }
  }

  private void complete() {
    if (sweeper != null) {
      sweeper.cancel(false);
    }
    for (OriginPool p : List.copyOf(pools)) {
      p.shutdown(null);
    }
    finished.complete(null);
  }

  /** Completes when every scenario of this worker is done. */
  public CompletableFuture<Void> finished() {
    return finished;
  }

  /** How late this worker began, in nanoseconds after the agreed start; valid once started. */
  public CompletableFuture<Long> startLagNanos() {
    return submit(() -> startedAt == 0 ? 0L : startedAt - t0);
  }

  /** This second's stats (taken on the loop). */
  public CompletableFuture<Interval> takeInterval() {
    return submit(
        () -> {
          List<ScenarioStats> out = new ArrayList<>();
          for (ScenarioRun r : runs) {
            out.add(r.takeInterval());
          }
          return new Interval(out, scenariosDone == runs.size());
        });
  }

  /** When each scenario's measured part ended here, in nanoseconds after the run's start. */
  public CompletableFuture<Map<String, Long>> measuredEndOffsets() {
    return submit(
        () -> {
          Map<String, Long> out = new LinkedHashMap<>();
          for (ScenarioRun r : runs) {
            out.put(r.name(), r.measuredEndOffset());
          }
          return out;
        });
  }

  /** Service times (from send to response) per scenario and step, when they were recorded. */
  public CompletableFuture<Map<String, List<Histogram>>> serviceTimes() {
    return submit(
        () -> {
          Map<String, List<Histogram>> out = new LinkedHashMap<>();
          for (ScenarioRun r : runs) {
            out.put(r.name(), r.serviceTimes());
          }
          return out;
        });
  }

  /**
   * Stops starting sessions. Requests in flight end as {@code inFlight} failures ({@code null}:
   * abandoned, not counted).
   */
  public void stop(ErrorKind inFlight) {
    loop.execute(
        () -> {
          for (ScenarioRun r : runs) {
            r.stop();
          }
          for (OriginPool p : List.copyOf(pools)) {
            p.shutdown(inFlight);
          }
          for (ScenarioRun r : runs) {
            r.abandonCode(inFlight);
          }
        });
  }

  private <T> CompletableFuture<T> submit(java.util.concurrent.Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.execute(
        () -> {
          try {
            f.complete(task.call());
          } catch (Throwable e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }
}
