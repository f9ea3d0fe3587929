package io.salvo.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.salvo.stats.OriginInfo;
import java.time.Instant;
import java.util.List;

/**
 * A run's report, as written to {@code report.json}; the schema is documented in {@code
 * docs/report-schema.md}. Every figure comes from merged histograms and summed counts.
 *
 * @param schema {@code salvo-report/1}
 * @param status PASSED, FAILED (a threshold failed), STOPPED or ERROR
 * @param measuredSeconds the longest scenario's measured window
 * @param total every request of every scenario
 * @param agents one entry per node that ran load; empty on a single node
 * @param startSkewMs the spread of the nodes' actual start instants; null on a single node
 * @param origins how each origin was spoken to: HTTP version, TLS version and cipher, verification
 * @param notes anything a reader must know to trust the figures (backlogs, unsent arrivals,
 *     unverified TLS)
 */
public record Report(
    String schema,
    String runId,
    String plan,
    String status,
    Instant startedAt,
    Instant endedAt,
    double measuredSeconds,
    Figures total,
    List<ScenarioReport> scenarios,
    List<ThresholdVerdict> thresholds,
    List<TimelinePoint> timeline,
    List<AgentReport> agents,
    Double startSkewMs,
    List<OriginInfo> origins,
    List<String> notes) {

  public static final String SCHEMA = "salvo-report/1";

  /**
   * One scenario: its figures over all its steps, per step, and its sessions.
   *
   * @param distribution {@code single}, {@code split} or {@code replicated}
   * @param sessionsStarted sessions (scenario executions) started
   * @param sessionsUnsent open-model arrivals that were due but never started
   * @param maxBacklog the largest backlog of due arrivals waiting for {@code maxInFlight}
   * @param stopReason why the scenario stopped starting sessions early (a feeder ran out), or null
   */
  public record ScenarioReport(
      String name,
      String distribution,
      double measuredSeconds,
      long sessionsStarted,
      long sessionsUnsent,
      long maxBacklog,
      String stopReason,
      @JsonUnwrapped Figures figures,
      List<StepReport> steps) {}

  public record StepReport(String name, @JsonUnwrapped Figures figures) {}

  /**
   * A threshold and its verdict on the merged data.
   *
   * @param scenario null when the threshold applies to all scenarios merged
   * @param actual the measured value, in the threshold's unit
   * @param unit {@code ms}, {@code ratio}, {@code req/s} or {@code count}
   */
  public record ThresholdVerdict(
      String scenario, String condition, double actual, String unit, boolean passed) {}

  /** One second of one scenario. */
  public record TimelinePoint(
      int second,
      String scenario,
      long requests,
      long errors,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs) {}

  /**
   * One node's part of a run.
   *
   * @param state {@code finished} (its final result arrived), {@code failed} (it could not run),
   *     {@code lost} (it went silent) or {@code incomplete} (the run ended before its final result
   *     arrived); for the last two, its figures are the interval results it sent
   * @param startOffsetMs when it started, after the first node to start; null when not known
   */
  public record AgentReport(
      String id, String group, String state, Double startOffsetMs, @JsonUnwrapped Figures figures) {
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";
    public static final String LOST = "lost";
    public static final String INCOMPLETE = "incomplete";
  }

  public boolean passed() {
    return "PASSED".equals(status);
  }
}
