package io.salvo.message;

import io.salvo.stats.OriginInfo;
import java.util.List;

/**
 * A node is done with a run: its totals per scenario (the sum of its intervals, with its measured
 * windows), when it actually started, and whether it was stopped or failed.
 *
 * @param startedAtMillis when its load actually began, on the coordinator's clock (the agreed start
 *     plus its lag, corrected by its clock offset estimate)
 * @param clockOffsetMs its estimate of (coordinator clock - its clock)
 * @param intervals how many interval results it sent
 * @param error why it could not run, or null
 * @param origins how it spoke to each origin (HTTP and TLS versions); empty when it ran nothing
 * @param droppedIntervals interval results it could not keep while the broker was unreachable (its
 *     queue was full): their seconds are missing from the run's timeline, while the totals here are
 *     whole
 */
public record FinalResult(
    int version,
    String clusterId,
    String nodeId,
    String runId,
    List<ScenarioSnapshot> scenarios,
    long startedAtMillis,
    double startLagMs,
    double clockOffsetMs,
    int intervals,
    boolean stopped,
    String error,
    List<OriginInfo> origins,
    long droppedIntervals)
    implements ClusterMessage {
  public static final String TYPE = "final";

  public FinalResult {
    scenarios = List.copyOf(scenarios);
    origins = origins == null ? List.of() : List.copyOf(origins);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
