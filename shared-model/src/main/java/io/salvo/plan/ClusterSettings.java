package io.salvo.plan;

import java.time.Duration;
import java.util.List;

/**
 * How a plan runs on a cluster (LoadStrike's vocabulary): which node type the process plays, the
 * cluster and agent group it belongs to, how many agents a run waits for, and where each scenario
 * runs.
 *
 * @param coordinatorTargetScenarios scenarios the coordinator runs itself (it also works)
 * @param agentTargetScenarios scenarios the agents run; empty means every scenario the coordinator
 *     does not run
 * @param replicate scenarios that run in full on every agent; all others are split exactly
 * @param agentsTimeout how long a run waits for {@code agentsCount} agents before it fails
 */
public record ClusterSettings(
    NodeType nodeType,
    String clusterId,
    String agentGroup,
    int agentsCount,
    List<String> coordinatorTargetScenarios,
    List<String> agentTargetScenarios,
    List<String> replicate,
    Duration agentsTimeout,
    AgentLossPolicy onAgentLoss) {

  public static final String DEFAULT_CLUSTER_ID = "default";
  public static final Duration DEFAULT_AGENTS_TIMEOUT = Duration.ofSeconds(60);
  public static final ClusterSettings SINGLE_NODE =
      new ClusterSettings(
          NodeType.SINGLE_NODE,
          DEFAULT_CLUSTER_ID,
          null,
          1,
          List.of(),
          List.of(),
          List.of(),
          DEFAULT_AGENTS_TIMEOUT,
          AgentLossPolicy.FAIL);

  public ClusterSettings {
    nodeType = nodeType == null ? NodeType.SINGLE_NODE : nodeType;
    Rules.name("clusterId", clusterId == null ? DEFAULT_CLUSTER_ID : clusterId);
    clusterId = clusterId == null ? DEFAULT_CLUSTER_ID : clusterId;
    if (agentGroup != null) {
      Rules.name("agentGroup", agentGroup);
    }
    Rules.positive("agentsCount", agentsCount);
    coordinatorTargetScenarios =
        coordinatorTargetScenarios == null ? List.of() : List.copyOf(coordinatorTargetScenarios);
    agentTargetScenarios =
        agentTargetScenarios == null ? List.of() : List.copyOf(agentTargetScenarios);
    replicate = replicate == null ? List.of() : List.copyOf(replicate);
    for (String field :
        List.of("coordinatorTargetScenarios", "agentTargetScenarios", "replicate")) {
      List<String> names =
          switch (field) {
            case "coordinatorTargetScenarios" -> coordinatorTargetScenarios;
            case "agentTargetScenarios" -> agentTargetScenarios;
            default -> replicate;
          };
      int dup = Rules.firstDuplicate(names);
      if (dup >= 0) {
        throw new PlanRuleException(field + "[" + dup + "]", "repeats '" + names.get(dup) + "'");
      }
    }
    for (int i = 0; i < agentTargetScenarios.size(); i++) {
      if (coordinatorTargetScenarios.contains(agentTargetScenarios.get(i))) {
        throw new PlanRuleException(
            "agentTargetScenarios[" + i + "]",
            "'"
                + agentTargetScenarios.get(i)
                + "' is also a coordinator target scenario; a scenario runs on one side");
      }
    }
    agentsTimeout = agentsTimeout == null ? DEFAULT_AGENTS_TIMEOUT : agentsTimeout;
    Rules.positive("agentsTimeout", agentsTimeout);
    onAgentLoss = onAgentLoss == null ? AgentLossPolicy.FAIL : onAgentLoss;
  }

  /** Whether the scenario runs on the agents (as opposed to the coordinator). */
  public boolean runsOnAgents(String scenario) {
    if (coordinatorTargetScenarios.contains(scenario)) {
      return false;
    }
    return agentTargetScenarios.isEmpty() || agentTargetScenarios.contains(scenario);
  }

  /** Whether the scenario runs on the coordinator. */
  public boolean runsOnCoordinator(String scenario) {
    return coordinatorTargetScenarios.contains(scenario);
  }

  public boolean replicated(String scenario) {
    return replicate.contains(scenario);
  }

  public ClusterSettings withNodeType(NodeType type) {
    return new ClusterSettings(
        type,
        clusterId,
        agentGroup,
        agentsCount,
        coordinatorTargetScenarios,
        agentTargetScenarios,
        replicate,
        agentsTimeout,
        onAgentLoss);
  }
}
