package io.salvo.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's results over some span (an interval or a whole run, on one node or merged): {@link
 * RequestStats} per request step, in step order, and the scenario's session counts. Not
 * thread-safe.
 */
public final class ScenarioStats {
  private final String name;
  private final Map<String, RequestStats> steps = new LinkedHashMap<>();
  private long sessionsStarted;
  private long sessionsUnsent;
  private long maxBacklog;
  private long measuredNanos;
  private String stopReason;

  public ScenarioStats(String name, List<String> stepNames) {
    this.name = name;
    for (String s : stepNames) {
      steps.put(s, new RequestStats());
    }
  }

  public String name() {
    return name;
  }

  /** Stats per request step, in step order. */
  public Map<String, RequestStats> steps() {
    return Collections.unmodifiableMap(steps);
  }

  public RequestStats step(String stepName) {
    return steps.get(stepName);
  }

  /** Sets a step's stats (a decoded message); the step must be new or empty. */
  public void putStep(String stepName, RequestStats stats) {
    steps.put(stepName, stats);
  }

  /** Every request of the scenario, all steps merged. */
  public RequestStats total() {
    RequestStats t = new RequestStats();
    for (RequestStats s : steps.values()) {
      t.add(s);
    }
    return t;
  }

  /** Sessions (scenario executions) started. */
  public long sessionsStarted() {
    return sessionsStarted;
  }

  /** Arrivals that were due but never started before the run ended (open model backlog left). */
  public long sessionsUnsent() {
    return sessionsUnsent;
  }

  /**
   * The largest backlog of due-but-not-started arrivals seen on any one node (open model, when
   * {@code maxInFlight} was reached).
   */
  public long maxBacklog() {
    return maxBacklog;
  }

  /**
   * The measured window: from the end of the warm-up to the later of the load's planned end and the
   * last request sent; the denominator of throughput. Merging keeps the longest.
   */
  public long measuredNanos() {
    return measuredNanos;
  }

  public void measured(long nanos) {
    measuredNanos = Math.max(measuredNanos, nanos);
  }

  /** Requests per second over the measured window. */
  public double throughput() {
    return measuredNanos == 0 ? 0 : total().requests() * 1e9 / measuredNanos;
  }

  /**
   * Why the scenario stopped starting sessions before its load was done (a feeder ran out of rows),
   * or null.
   */
  public String stopReason() {
    return stopReason;
  }

  /** Records why the scenario stopped early; the first reason is kept. */
  public void stopped(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  public void countSessions(long started, long unsent, long backlog) {
    sessionsStarted += started;
    sessionsUnsent += unsent;
    maxBacklog = Math.max(maxBacklog, backlog);
  }

  /** Adds another span or node of the same scenario: exact for histograms and counts. */
  public void add(ScenarioStats other) {
    if (!other.name.equals(name)) {
      throw new IllegalArgumentException("cannot add scenario " + other.name + " to " + name);
    }
    for (Map.Entry<String, RequestStats> e : other.steps.entrySet()) {
      steps.computeIfAbsent(e.getKey(), k -> new RequestStats()).add(e.getValue());
    }
    countSessions(other.sessionsStarted, other.sessionsUnsent, other.maxBacklog);
    measured(other.measuredNanos);
    if (other.stopReason != null) {
      stopped(other.stopReason);
    }
  }

  public ScenarioStats copy() {
    ScenarioStats c = new ScenarioStats(name, List.copyOf(steps.keySet()));
    c.add(this);
    return c;
  }
}
