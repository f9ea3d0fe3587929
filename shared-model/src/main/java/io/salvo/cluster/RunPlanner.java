package io.salvo.cluster;

import io.salvo.message.Assignment;
import io.salvo.message.ClusterMessage;
import io.salvo.plan.ClusterSettings;
import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a run's shape: which agents take part and how each agent scenario goes out. Agent i of n
 * of a split scenario owns arrivals k with k mod n = i and its exact share of users (see {@code
 * io.salvo.split}); a replicated scenario runs whole on every agent.
 */
public final class RunPlanner {
  private RunPlanner() {}

  /**
   * The agents to use, when enough are available.
   *
   * @param available agents that could take the run, sorted
   */
  public static Optional<List<String>> choose(ClusterSettings settings, List<String> available) {
    if (available.size() < settings.agentsCount()) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(available.subList(0, settings.agentsCount())));
  }

  /** The message a run that could not gather its agents fails with. */
  public static String notEnoughAgents(ClusterSettings settings, List<String> joined) {
    return "waiting for "
        + settings.agentsCount()
        + " agent"
        + (settings.agentsCount() == 1 ? "" : "s")
        + " in cluster "
        + settings.clusterId()
        + (settings.agentGroup() == null ? "" : ", group " + settings.agentGroup())
        + " timed out after "
        + io.salvo.plan.Durations.format(settings.agentsTimeout())
        + ": "
        + joined.size()
        + " joined"
        + (joined.isEmpty() ? "" : ": " + String.join(", ", joined));
  }

  /** Whether any scenario of the plan runs on agents. */
  public static boolean needsAgents(Plan plan) {
    return plan.scenarios().stream().anyMatch(s -> plan.cluster().runsOnAgents(s.name()));
  }

  public static Assignment assignment(
      String runId,
      String coordinatorId,
      Plan plan,
      String planSource,
      String planFormat,
      List<String> agents,
      long startAtMillis) {
    ClusterSettings c = plan.cluster();
    List<Assignment.ScenarioAssignment> scenarios = new ArrayList<>();
    for (Scenario s : plan.scenarios()) {
      if (c.runsOnAgents(s.name())) {
        scenarios.add(
            new Assignment.ScenarioAssignment(
                s.name(),
                c.replicated(s.name())
                    ? Assignment.ScenarioAssignment.REPLICATED
                    : Assignment.ScenarioAssignment.SPLIT));
      }
    }
    return new Assignment(
        ClusterMessage.VERSION,
        c.clusterId(),
        coordinatorId,
        runId,
        c.agentGroup(),
        planSource,
        planFormat,
        agents,
        scenarios,
        startAtMillis);
  }
}
