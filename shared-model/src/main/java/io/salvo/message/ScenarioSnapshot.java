package io.salvo.message;

import io.salvo.stats.ScenarioStats;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ScenarioStats} on the wire.
 *
 * @param stopReason why the scenario stopped early on the node, or null
 */
public record ScenarioSnapshot(
    String name,
    List<StepSnapshot> steps,
    long sessionsStarted,
    long sessionsUnsent,
    long maxBacklog,
    long measuredNanos,
    String stopReason) {

  public ScenarioSnapshot {
    steps = List.copyOf(steps);
  }

  public static ScenarioSnapshot of(ScenarioStats s) {
    List<StepSnapshot> steps = new ArrayList<>();
    s.steps().forEach((name, stats) -> steps.add(StepSnapshot.of(name, stats)));
    return new ScenarioSnapshot(
        s.name(),
        steps,
        s.sessionsStarted(),
        s.sessionsUnsent(),
        s.maxBacklog(),
        s.measuredNanos(),
        s.stopReason());
  }

  /**
   * Decodes the stats.
   *
   * @throws IllegalArgumentException when a histogram is not valid
   */
  public ScenarioStats toStats() {
    ScenarioStats s = new ScenarioStats(name, steps.stream().map(StepSnapshot::name).toList());
    for (StepSnapshot step : steps) {
      s.putStep(step.name(), step.toStats());
    }
    s.countSessions(sessionsStarted, sessionsUnsent, maxBacklog);
    s.measured(measuredNanos);
    if (stopReason != null) {
      s.stopped(stopReason);
    }
    return s;
  }
}
