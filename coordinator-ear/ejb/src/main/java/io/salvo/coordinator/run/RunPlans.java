package io.salvo.coordinator.run;

import io.salvo.coordinator.store.RunRecord;
import io.salvo.plan.ClusterSettings;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import java.time.Duration;

/** The plan a run executes: its stored text with the run's cluster settings. */
public final class RunPlans {
  private RunPlans() {}

  public static Plan effective(RunRecord r) {
    try {
      Plan plan = PlanParser.parse("run " + r.id, r.planSource, PlanFormat.valueOf(r.planFormat));
      return plan.withCluster(settings(plan.cluster(), r));
    } catch (PlanException e) {
      throw new IllegalStateException("the stored plan of run " + r.id + " no longer parses", e);
    }
  }

  /** How long the plan's longest scenario is planned to take (iterations: their maxDuration). */
  public static long plannedMillis(Plan plan) {
    long longest = 0;
    for (var s : plan.scenarios()) {
      long sum = 0;
      for (var phase : s.load()) {
        sum +=
            phase instanceof io.salvo.plan.Iterations it
                ? it.maxDuration().toMillis()
                : phase.duration().toMillis();
      }
      longest = Math.max(longest, sum);
    }
    return longest;
  }

  static ClusterSettings settings(ClusterSettings c, RunRecord r) {
    return new ClusterSettings(
        NodeType.COORDINATOR,
        r.clusterId,
        r.agentGroup,
        r.agentsCount,
        c.coordinatorTargetScenarios(),
        c.agentTargetScenarios(),
        c.replicate(),
        Duration.ofMillis(r.agentsTimeoutMillis),
        c.onAgentLoss());
  }
}
