package io.salvo.engine.node;

import io.salvo.engine.ScenarioPart;
import io.salvo.message.Assignment;
import io.salvo.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/** What an assignment asks of one agent. */
public final class AgentAssignments {
  private AgentAssignments() {}

  /** This agent's parts, or an empty list when it does not take part in the run. */
  public static List<ScenarioPart> parts(Assignment a, Plan plan, String agentId) {
    int index = a.agents().indexOf(agentId);
    if (index < 0) {
      return List.of();
    }
    List<ScenarioPart> parts = new ArrayList<>();
    for (Assignment.ScenarioAssignment s : a.scenarios()) {
      boolean replicated = Assignment.ScenarioAssignment.REPLICATED.equals(s.distribution());
      parts.add(
          replicated
              ? new ScenarioPart(plan.scenario(s.name()), index, a.agents().size(), "replicated")
              : new ScenarioPart(plan.scenario(s.name()), index, a.agents().size(), "split"));
    }
    return parts;
  }
}
