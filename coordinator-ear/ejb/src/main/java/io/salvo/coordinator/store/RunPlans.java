package io.salvo.coordinator.store;

import io.salvo.plan.ClusterSettings;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plan a run executes: its stored text with the run's cluster settings. Both are fixed when the
 * run is created, so each run's plan is parsed once per process and kept (the most recently used
 * {@value #CACHED} runs' plans), not parsed again for each report or recovery.
 */
public final class RunPlans {
  static final int CACHED = 64;

  private static final Map<String, Plan> PLANS =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Plan> eldest) {
          return size() > CACHED;
        }
      };

  private RunPlans() {}

  public static Plan effective(RunRecord r) {
    synchronized (PLANS) {
      Plan known = PLANS.get(r.id);
      if (known != null) {
        return known;
      }
    }
    Plan plan;
    try {
      Plan parsed = PlanParser.parse("run " + r.id, r.planSource, PlanFormat.valueOf(r.planFormat));
      plan = parsed.withCluster(settings(parsed.cluster(), r));
    } catch (PlanException e) {
      throw new IllegalStateException("the stored plan of run " + r.id + " no longer parses", e);
    }
    synchronized (PLANS) {
      PLANS.put(r.id, plan);
    }
    return plan;
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
