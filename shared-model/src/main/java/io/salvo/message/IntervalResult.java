package io.salvo.message;

import java.util.List;

/**
 * One second of one node's results, keyed {@code (runId, nodeId, scenario, second)}: the
 * coordinator merges each key once, however often it is delivered.
 *
 * @param second run-relative: the interval [second, second + 1) after the agreed start
 */
public record IntervalResult(
    int version,
    String clusterId,
    String nodeId,
    String runId,
    int second,
    List<ScenarioSnapshot> scenarios)
    implements ClusterMessage {
  public static final String TYPE = "interval";

  public IntervalResult {
    scenarios = List.copyOf(scenarios);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
