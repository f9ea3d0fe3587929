package io.salvo.report;

import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.LatencySummary;
import io.salvo.stats.OriginInfo;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Report} from merged results: per-scenario totals, the per-second timeline and, in
 * a cluster, each node's part. Thresholds are judged here, on the merged data.
 */
public final class ReportBuilder {
  /**
   * One node's part of a run.
   *
   * @param state {@link Report.AgentReport#FINISHED}, {@link Report.AgentReport#FAILED}, {@link
   *     Report.AgentReport#LOST} or {@link Report.AgentReport#INCOMPLETE}
   */
  public record NodePart(
      String id,
      String group,
      String state,
      Double startOffsetMs,
      Map<String, ScenarioStats> scenarios) {}

  private final String runId;
  private final Plan plan;
  private final Map<String, ScenarioStats> totals = new LinkedHashMap<>();
  private final Map<String, String> distribution = new LinkedHashMap<>();
  private final List<Report.TimelinePoint> timeline = new ArrayList<>();
  private final List<NodePart> nodes = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<OriginInfo> origins = new ArrayList<>();
  private Instant startedAt;
  private Instant endedAt;
  private String forcedStatus;
  private Double startSkewMs;

  public ReportBuilder(String runId, Plan plan) {
    this.runId = runId;
    this.plan = plan;
    for (Scenario s : plan.scenarios()) {
      totals.put(s.name(), new ScenarioStats(s.name(), s.stepNames()));
      distribution.put(s.name(), "single");
    }
  }

  public ReportBuilder times(Instant started, Instant ended) {
    this.startedAt = started;
    this.endedAt = ended;
    return this;
  }

  /** Adds a scenario's totals (from one node, or already merged). */
  public ReportBuilder add(ScenarioStats stats) {
    ScenarioStats mine = totals.get(stats.name());
    if (mine == null) {
      throw new IllegalArgumentException(
          "scenario " + stats.name() + " is not in plan " + plan.name());
    }
    mine.add(stats);
    return this;
  }

  public ReportBuilder timeline(List<IntervalStats> intervals) {
    intervals.forEach(this::interval);
    return this;
  }

  /** Adds one second to the timeline; only its summary is kept. */
  public ReportBuilder interval(IntervalStats interval) {
    for (ScenarioStats s : interval.scenarios().values()) {
      RequestStats t = s.total();
      LatencySummary l = t.latency();
      timeline.add(
          new Report.TimelinePoint(
              interval.second(),
              s.name(),
              t.requests(),
              t.errors(),
              l.p50(),
              l.p90(),
              l.p99(),
              l.max()));
    }
    return this;
  }

  public ReportBuilder distribution(String scenario, String how) {
    distribution.put(scenario, how);
    return this;
  }

  public ReportBuilder node(NodePart part) {
    nodes.add(part);
    return this;
  }

  public ReportBuilder startSkewMs(Double skew) {
    this.startSkewMs = skew;
    return this;
  }

  /** The run did not finish normally: STOPPED or ERROR, whatever the thresholds say. */
  public ReportBuilder status(String status) {
    this.forcedStatus = status;
    return this;
  }

  /** How a node spoke to an origin; a description several nodes share is listed once. */
  public ReportBuilder origin(OriginInfo info) {
    if (!origins.contains(info)) {
      origins.add(info);
    }
    return this;
  }

  public ReportBuilder note(String note) {
    notes.add(note);
    return this;
  }

  public Report build() {
    RequestStats all = new RequestStats();
    long longest = 0;
    List<Report.ScenarioReport> scenarios = new ArrayList<>();
    List<String> allNotes = new ArrayList<>(notes);
    for (ScenarioStats s : totals.values()) {
      RequestStats t = s.total();
      all.add(t);
      longest = Math.max(longest, s.measuredNanos());
      double seconds = s.measuredNanos() / 1e9;
      List<Report.StepReport> steps = new ArrayList<>();
      s.steps()
          .forEach((name, st) -> steps.add(new Report.StepReport(name, Figures.of(st, seconds))));
      scenarios.add(
          new Report.ScenarioReport(
              s.name(),
              distribution.get(s.name()),
              seconds,
              s.sessionsStarted(),
              s.sessionsUnsent(),
              s.maxBacklog(),
              s.stopReason(),
              Figures.of(t, seconds),
              steps));
      if (s.stopReason() != null) {
        allNotes.add("scenario " + s.name() + " stopped early: " + s.stopReason());
      }
      if (s.maxBacklog() > 0) {
        allNotes.add(
            "scenario "
                + s.name()
                + ": up to "
                + s.maxBacklog()
                + " due arrivals waited for maxInFlight on a node; their wait counts in latency");
      }
      if (s.sessionsUnsent() > 0) {
        allNotes.add(
            "scenario "
                + s.name()
                + ": "
                + s.sessionsUnsent()
                + " due arrivals were never sent before the run ended");
      }
    }
    double longestSeconds = longest / 1e9;
    if (plan.target().tls() != null && plan.target().tls().insecure()) {
      allNotes.add(
          "TLS verification was off (insecure: true): the servers' certificates and names were"
              + " not checked");
    }

    List<Report.ThresholdVerdict> verdicts =
        ThresholdJudge.judgeAll(plan.thresholds(), totals, null);
    String status =
        forcedStatus != null
            ? forcedStatus
            : verdicts.stream().allMatch(Report.ThresholdVerdict::passed) ? "PASSED" : "FAILED";

    List<Report.TimelinePoint> points = new ArrayList<>(timeline);
    List<String> order = new ArrayList<>(totals.keySet());
    points.sort(
        java.util.Comparator.comparingInt(Report.TimelinePoint::second)
            .thenComparingInt(p -> order.indexOf(p.scenario())));

    List<Report.AgentReport> agents = new ArrayList<>();
    for (NodePart n : nodes) {
      RequestStats t = new RequestStats();
      long window = 0;
      for (ScenarioStats s : n.scenarios().values()) {
        t.add(s.total());
        window = Math.max(window, s.measuredNanos());
      }
      agents.add(
          new Report.AgentReport(
              n.id(), n.group(), n.state(), n.startOffsetMs(), Figures.of(t, window / 1e9)));
    }

    return new Report(
        Report.SCHEMA,
        runId,
        plan.name(),
        status,
        startedAt,
        endedAt,
        longestSeconds,
        Figures.of(all, longestSeconds),
        scenarios,
        verdicts,
        points,
        agents,
        startSkewMs,
        List.copyOf(origins),
        allNotes);
  }
}
