package io.salvo.engine.exec;

import io.netty.channel.EventLoop;
import io.salvo.engine.code.CodeHttp;
import io.salvo.engine.code.CodeOutcome;
import io.salvo.engine.session.FeederCursor;
import io.salvo.engine.session.Slots;
import io.salvo.plan.Scenario;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One scenario on one worker: its compiled steps, its phase drivers, its feeders, its sessions and
 * the stats of the current second. Every method runs on the worker's loop.
 */
final class ScenarioRun {
  private final Worker worker;
  private final Scenario scenario;
  private StepPlan[] steps;
  private final List<String> stepNames;
  private final Driver[] drivers;
  private final long[] phaseOffsets;
  private final int maxInFlight;
  private final ArrayDeque<Session> free = new ArrayDeque<>();
  private final Histogram[] serviceMicros;
  private final long plannedEndOffset;
  private final int variables;
  private final boolean cookies;
  private final FeederCursor[] feeders;
  private final int[][] feederSlots;
  private final int[] claimed;
  private final SplittableRandom random;
  private final Slots slots;
  private final Set<Session> inCode = new LinkedHashSet<>();

  private static final long OPEN_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Index of a warm-up session's figures, which are recorded and dropped. */
  static final int WARMUP = 0;

  /** Index of a measured session's figures. */
  static final int MEASURED = 1;

  // Warm-up requests are recorded too, and dropped each second: the warm-up then runs the code of
  // the measured part, so the JIT has compiled it before the first measured request.
  private final RequestStats[][] stats = new RequestStats[2][];
  private final long[] started = new long[2];
  private final long[] lastStart = new long[2];
  private long t0;
  private int inFlight;
  private int driversFinished;
  private long unsent;
  private long maxBacklog;
  private long finishedAt;
  private boolean stopped;
  private boolean startingStopped;
  private String stopReason;
  private boolean done;

  /**
   * @param phaseOffsets when each driver's phase starts, in nanoseconds after the run's start
   * @param plannedEndOffset when the last phase is planned to end after the run's start; -1 when it
   *     ends when its work is done (iterations)
   * @param variables how many variable slots a session has
   * @param cookies whether sessions keep cookie jars
   * @param feeders where each session takes its rows from (shared by the node's loops)
   * @param feederSlots for each feeder, the variable slot of each of its columns
   */
  ScenarioRun(
      Worker worker,
      Scenario scenario,
      List<String> stepNames,
      Driver[] drivers,
      long[] phaseOffsets,
      long plannedEndOffset,
      int maxInFlight,
      boolean recordServiceTime,
      int variables,
      boolean cookies,
      FeederCursor[] feeders,
      int[][] feederSlots,
      SplittableRandom random,
      Slots slots) {
    this.worker = worker;
    this.slots = slots;
    this.scenario = scenario;
    this.variables = variables;
    this.cookies = cookies;
    this.feeders = feeders;
    this.feederSlots = feederSlots;
    this.claimed = new int[feeders.length];
    this.random = random;
    // Grows when code records a timing under a new name.
    this.stepNames = new ArrayList<>(stepNames);
    this.drivers = drivers;
    this.phaseOffsets = phaseOffsets;
    this.plannedEndOffset = plannedEndOffset;
    this.maxInFlight = maxInFlight;
    this.stats[WARMUP] = freshStats();
    this.stats[MEASURED] = freshStats();
    this.serviceMicros = recordServiceTime ? new Histogram[stepNames.size()] : null;
    if (serviceMicros != null) {
      for (int i = 0; i < serviceMicros.length; i++) {
        serviceMicros[i] = new Histogram(RequestStats.SIGNIFICANT_DIGITS);
      }
    }
  }

  private RequestStats[] freshStats() {
    RequestStats[] s = new RequestStats[stepNames.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = new RequestStats();
    }
    return s;
  }

  /** Late binding: drivers and steps are built with a reference to this run. */
  void setDriver(int i, Driver d) {
    drivers[i] = d;
  }

  void setSteps(StepPlan[] compiled) {
    steps = compiled;
  }

  SplittableRandom random() {
    return random;
  }

  String name() {
    return scenario.name();
  }

  StepPlan[] steps() {
    return steps;
  }

  EventLoop loop() {
    return worker.loop();
  }

  // --- code steps ---

  String stepName(StepPlan s) {
    return stepNames.get(s.statIndex());
  }

  /** The variable slot of {@code name}, or -1. */
  int slot(String name) {
    Integer i = slots.all().get(name);
    return i == null ? -1 : i;
  }

  Executor codeThreads() {
    return worker.code().threads();
  }

  CodeHttp codeClient() {
    return worker.codeClient();
  }

  void codeStarted(CodeInvocation call) {
    inCode.add(call.session());
  }

  void codeEnded(CodeInvocation call) {
    inCode.remove(call.session());
  }

  /** Gives up every code step in flight, counted as {@code kind} (null: not counted). */
  void abandonCode(ErrorKind kind) {
    for (Session s : List.copyOf(inCode)) {
      s.abandonCode(kind);
    }
  }

  /** Code steps called more than {@code timeoutNanos} ago end as timeouts. */
  void expireCode(long nowNanos, long timeoutNanos) {
    if (inCode.isEmpty()) {
      return;
    }
    for (Session s : List.copyOf(inCode)) {
      CodeInvocation c = s.code();
      if (c != null && nowNanos - c.calledNanos >= timeoutNanos) {
        s.abandonCode(ErrorKind.TIMEOUT);
      }
    }
  }

  /** A timing code recorded inside a step, under a name of its own. */
  void recordTiming(String name, int kind, long nanos, CodeOutcome o) {
    int i = stepNames.indexOf(name);
    if (i < 0) {
      stepNames.add(name);
      i = stepNames.size() - 1;
      for (int k = 0; k < stats.length; k++) {
        stats[k] = Arrays.copyOf(stats[k], stepNames.size());
        stats[k][i] = new RequestStats();
      }
    }
    RequestStats st = stats[kind][i];
    if (o.ok()) {
      st.recordResponse(nanos, o.status(), true, o.bytes());
      return;
    }
    st.recordFailedCheck(o.message());
    if (o.status() != 0) {
      st.recordResponse(nanos, o.status(), false, o.bytes());
    } else {
      st.recordFailure(ErrorKind.CODE);
    }
  }

  boolean stopped() {
    return stopped;
  }

  boolean done() {
    return done;
  }

  long phaseStartNanos(Driver d) {
    for (int i = 0; i < drivers.length; i++) {
      if (drivers[i] == d) {
        return t0 + phaseOffsets[i];
      }
    }
    throw new IllegalArgumentException("not a driver of " + name());
  }

  void start(long t0Nanos) {
    this.t0 = t0Nanos;
    if (drivers.length == 0) {
      done = true;
      finishedAt = t0Nanos;
      worker.scenarioDone();
      return;
    }
    long now = System.nanoTime();
    for (Driver d : drivers) {
      // An open phase starts a little early and times its first arrival itself, so a late start
      // task cannot delay (and so lengthen) its first arrivals.
      long at = phaseStartNanos(d) - (d instanceof OpenDriver ? OPEN_LEAD_NANOS : 0);
      if (at <= now) {
        d.start(now);
      } else {
        loop()
            .schedule(
                () -> {
                  if (!stopped && !startingStopped) {
                    d.start(System.nanoTime());
                  }
                },
                at - now,
                TimeUnit.NANOSECONDS);
      }
    }
  }

  boolean hasCapacity() {
    return inFlight < maxInFlight;
  }

  /**
   * Claims a row of each feeder for the next session. When a feeder has run out, no more sessions
   * start (the ones in flight finish, the arrivals left count as unsent, the report says why) and
   * this returns false: the caller starts nothing.
   */
  boolean claimRows() {
    // When a later feeder has run out, the rows already claimed from earlier ones go unused: a
    // unique row is still used at most once.
    for (int i = 0; i < feeders.length; i++) {
      claimed[i] = feeders[i].claim(random);
      if (claimed[i] < 0) {
        stopStarting(feeders[i].exhaustedReason());
        return false;
      }
    }
    return true;
  }

  /** Puts the claimed rows into a starting session's variables. */
  void fill(String[] vars) {
    for (int i = 0; i < feeders.length; i++) {
      feeders[i].fill(claimed[i], feederSlots[i], vars);
    }
  }

  /**
   * Starts a session; the caller claimed its rows ({@link #claimRows()}).
   *
   * @param index the session's {@code ${session.index}}
   * @param user which of the owner's users runs it (closed model)
   */
  Session startSession(
      Driver owner,
      int kind,
      long intendedNanos,
      long nowNanos,
      long iteration,
      long index,
      int user) {
    Session s = free.pollLast();
    if (s == null) {
      s = new Session(this, variables, cookies);
    }
    inFlight++;
    started[kind]++;
    lastStart[kind] = nowNanos;
    s.iterations = iteration;
    s.user = user;
    s.begin(owner, kind, intendedNanos, index);
    return s;
  }

  void sessionDone(Session s) {
    inFlight--;
    free.addLast(s);
    long now = System.nanoTime();
    s.owner().sessionDone(s, now);
    if (!stopped && inFlight < maxInFlight) {
      for (Driver d : drivers) {
        d.capacityFreed(now);
      }
    }
    checkDone();
  }

  void driverFinished(Driver d) {
    driversFinished++;
    checkDone();
  }

  private void checkDone() {
    if (!done && driversFinished == drivers.length && inFlight == 0) {
      done = true;
      finishedAt = System.nanoTime();
      worker.scenarioDone();
    }
  }

  void observeBacklog(long backlog) {
    maxBacklog = Math.max(maxBacklog, backlog);
  }

  private RequestStats stats(StepPlan s, int kind) {
    return stats[kind][s.statIndex()];
  }

  void recordResponse(
      StepPlan s,
      int kind,
      long latencyNanos,
      long serviceNanos,
      int status,
      boolean passed,
      long bytesIn,
      long bytesOut) {
    RequestStats st = stats(s, kind);
    st.recordResponse(latencyNanos, status, passed, bytesIn);
    st.recordBytesSent(bytesOut);
    if (serviceMicros != null && kind == MEASURED && !s.isCode()) {
      serviceMicros[s.statIndex()].recordValue(Math.max(0, serviceNanos / 1000));
    }
  }

  /** A request failed after {@code bytesOut} bytes of it were written (0: none). */
  void recordFailure(StepPlan s, int kind, ErrorKind error, long bytesOut) {
    RequestStats st = stats(s, kind);
    st.recordFailure(error);
    st.recordBytesSent(bytesOut);
  }

  void recordFailedCheck(StepPlan s, int kind, String label) {
    stats(s, kind).recordFailedCheck(label);
  }

  void recordHandshake(int statIndex, int kind, long nanos) {
    stats[kind][statIndex].recordTlsHandshake(nanos);
  }

  /** Stops starting sessions; returns nothing, counts the arrivals that will never be sent. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    stopStarting(null);
    checkDone();
  }

  /**
   * Starts no more sessions, counting the due arrivals that will never be sent; sessions in flight
   * go on (unless the run was stopped).
   */
  private void stopStarting(String reason) {
    if (reason != null && stopReason == null) {
      stopReason = reason;
    }
    if (startingStopped) {
      return;
    }
    startingStopped = true;
    // A stopped run's unsent arrivals are those already due; when a feeder ran out, every
    // arrival the plan had left is one that never happened.
    boolean wholePlan = reason != null;
    for (Driver d : drivers) {
      unsent += d.stop(wholePlan);
    }
    checkDone();
  }

  /** Hands over this second's stats and starts a new second. */
  ScenarioStats takeInterval() {
    ScenarioStats out = new ScenarioStats(name(), stepNames);
    for (int i = 0; i < stats[MEASURED].length; i++) {
      out.putStep(stepNames.get(i), stats[MEASURED][i]);
    }
    long backlog = 0;
    long now = System.nanoTime();
    for (Driver d : drivers) {
      if (d instanceof OpenDriver o) {
        backlog += o.heldBacklog(now);
      }
    }
    out.countSessions(started[MEASURED], unsent, Math.max(maxBacklog, backlog));
    if (stopReason != null) {
      out.stopped(stopReason);
    }
    stats[MEASURED] = freshStats();
    stats[WARMUP] = freshStats();
    started[MEASURED] = 0;
    unsent = 0;
    maxBacklog = 0;
    return out;
  }

  /** When the measured part ended on this worker, relative to the run start. */
  long measuredEndOffset() {
    long end = plannedEndOffset >= 0 ? plannedEndOffset : (done ? finishedAt - t0 : 0);
    if (lastStart[MEASURED] != 0) {
      end = Math.max(end, lastStart[MEASURED] - t0);
    }
    return end;
  }

  List<Histogram> serviceTimes() {
    List<Histogram> out = new ArrayList<>();
    if (serviceMicros != null) {
      for (Histogram h : serviceMicros) {
        out.add(h.copy());
      }
    }
    return out;
  }
}
