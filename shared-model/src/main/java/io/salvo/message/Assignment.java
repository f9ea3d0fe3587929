package io.salvo.message;

import java.util.List;

/**
 * A run's work for the agents: the plan, the participating agents in order (an agent's position is
 * its index in the split), how each agent scenario is distributed, and the agreed start.
 *
 * @param agentGroup the group it is for, or null for any group
 * @param planSource the plan's text as the user wrote it (agents parse and validate it again)
 * @param planFormat YAML or JSON
 * @param agents participating agent ids, in split order
 * @param scenarios the scenarios agents run
 * @param startAtMillis the agreed start instant on the coordinator's clock
 */
public record Assignment(
    int version,
    String clusterId,
    String nodeId,
    String runId,
    String agentGroup,
    String planSource,
    String planFormat,
    List<String> agents,
    List<ScenarioAssignment> scenarios,
    long startAtMillis)
    implements ClusterMessage {
  public static final String TYPE = "assignment";

  /** How one scenario goes out to the agents: {@code split} or {@code replicated}. */
  public record ScenarioAssignment(String name, String distribution) {
    public static final String SPLIT = "split";
    public static final String REPLICATED = "replicated";
  }

  public Assignment {
    agents = List.copyOf(agents);
    scenarios = List.copyOf(scenarios);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
