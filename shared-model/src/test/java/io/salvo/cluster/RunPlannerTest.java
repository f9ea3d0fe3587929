package io.salvo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.message.Assignment;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunPlannerTest {
  private static Plan plan(String cluster) throws Exception {
    return PlanParser.parse(
        "p.yaml",
        """
        target: {baseUrl: "http://127.0.0.1:1"}
        scenarios:
          - {name: browse, steps: [{request: {path: /}}], load: [{constantRate: {rate: 10, duration: 1s}}]}
          - {name: smoke, steps: [{request: {path: /}}], load: [{constantUsers: {users: 3, duration: 1s}}]}
          - {name: health, steps: [{request: {path: /}}], load: [{constantRate: {rate: 1, duration: 1s}}]}
        cluster:
        """
            + cluster);
  }

  @Test
  void agentScenariosAreSplitOrReplicatedAndCoordinatorScenariosStayHome() throws Exception {
    Plan p =
        plan(
            "  nodeType: COORDINATOR\n  clusterId: c1\n  agentGroup: g\n  agentsCount: 2\n"
                + "  coordinatorTargetScenarios: [health]\n  replicate: [smoke]\n");
    assertEquals(
        List.of("a", "b"), RunPlanner.choose(p.cluster(), List.of("a", "b", "c")).orElseThrow());
    assertTrue(RunPlanner.choose(p.cluster(), List.of("a")).isEmpty());
    Assignment a =
        RunPlanner.assignment("r1", "coordinator", p, "src", "YAML", List.of("a", "b"), 42);
    assertEquals("c1", a.clusterId());
    assertEquals("g", a.agentGroup());
    assertEquals(
        List.of(
            new Assignment.ScenarioAssignment("browse", "split"),
            new Assignment.ScenarioAssignment("smoke", "replicated")),
        a.scenarios());
    assertEquals(42, a.startAtMillis());
  }

  @Test
  void theTimeoutMessageNamesClusterGroupCountAndWhoJoined() throws Exception {
    Plan p =
        plan(
            "  clusterId: orders-cluster\n  agentGroup: perf-agents\n  agentsCount: 2\n  agentsTimeout: 30s\n");
    assertEquals(
        "waiting for 2 agents in cluster orders-cluster, group perf-agents timed out after 30s: 1 joined: agent-a",
        RunPlanner.notEnoughAgents(p.cluster(), List.of("agent-a")));
    Plan one = plan("  clusterId: c\n  agentsCount: 1\n  agentsTimeout: 5s\n");
    assertEquals(
        "waiting for 1 agent in cluster c timed out after 5s: 0 joined",
        RunPlanner.notEnoughAgents(one.cluster(), List.of()));
  }
}
