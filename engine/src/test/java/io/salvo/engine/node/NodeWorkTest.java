package io.salvo.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.engine.EngineOptions;
import io.salvo.message.Assignment;
import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.MessageCodec;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import io.salvo.target.TargetServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two nodes running their parts of one assignment against a real target, without a container. */
class NodeWorkTest {
  @Test
  void twoNodesSplitARateExactlyAndReportEverySecondAndAtTheEnd() throws Exception {
    try (TargetServer target = TargetServer.start(0, 1)) {
      String source =
          "target: {baseUrl: \""
              + target.url()
              + "\"}\n"
              + "scenarios:\n"
              + "  - {name: split, steps: [{request: {path: /}}], load: [{constantRate: {rate: 301, duration: 2s}}]}\n"
              + "  - {name: copy, steps: [{request: {path: /}}], load: [{iterations: {users: 2, iterations: 5}}]}\n"
              + "cluster: {agentsCount: 2, replicate: [copy]}\n";
      Plan plan = PlanParser.parse("p.yaml", source);
      long startAt = System.currentTimeMillis() + 200;
      Assignment a =
          new Assignment(
              ClusterMessage.VERSION,
              "c",
              "coordinator",
              "r",
              null,
              source,
              "YAML",
              List.of("n0", "n1"),
              List.of(
                  new Assignment.ScenarioAssignment("split", "split"),
                  new Assignment.ScenarioAssignment("copy", "replicated")),
              startAt);
      assertEquals(List.of(), AgentAssignments.parts(a, plan, "stranger"));
      List<ClusterMessage> sent = Collections.synchronizedList(new ArrayList<>());
      List<NodeWork> works = new ArrayList<>();
      for (String node : a.agents()) {
        works.add(
            NodeWork.start(
                "c",
                node,
                "r",
                plan,
                AgentAssignments.parts(a, plan, node),
                startAt,
                0,
                EngineOptions.defaults().withEventLoops(1),
                m -> sent.add(MessageCodec.decode(MessageCodec.encode(m)))));
      }
      List<FinalResult> finals = new ArrayList<>();
      for (NodeWork w : works) {
        finals.add(w.done().get(30, TimeUnit.SECONDS));
      }
      // 301/s for 2 s is 602 arrivals: 301 for each node; each node runs 2 x 5 copies in full.
      long split = 0;
      for (FinalResult f : finals) {
        assertNull(f.error());
        long mine =
            f.scenarios().stream()
                .filter(s -> s.name().equals("split"))
                .findFirst()
                .orElseThrow()
                .toStats()
                .total()
                .requests();
        assertEquals(301, mine, f.nodeId());
        split += mine;
        assertEquals(
            10,
            f.scenarios().stream()
                .filter(s -> s.name().equals("copy"))
                .findFirst()
                .orElseThrow()
                .toStats()
                .total()
                .requests());
        assertTrue(f.startedAtMillis() >= startAt);
      }
      assertEquals(602, split);
      assertEquals(602 + 20, target.requests());
      long fromIntervals =
          sent.stream()
              .filter(IntervalResult.class::isInstance)
              .map(IntervalResult.class::cast)
              .flatMap(i -> i.scenarios().stream())
              .mapToLong(s -> s.toStats().total().requests())
              .sum();
      assertEquals(622, fromIntervals, "the intervals add up to the totals");
    }
  }

  @Test
  void aNodeThatCannotReachTheTargetSaysSoInItsFinalResult() throws Exception {
    List<ClusterMessage> sent = new ArrayList<>();
    FinalResult f = runAtPort9(EngineOptions.defaults().withEventLoops(1), sent);
    assertTrue(f.error().startsWith("cannot connect to http://127.0.0.1:9"), f.error());
    assertEquals(List.of(f), sent);
  }

  @Test
  void aNodeRefusesATargetOutsideItsAllowListBeforeAnyLoad() throws Exception {
    // Nothing listens on port 9: a node that tried to connect would say "cannot connect".
    List<ClusterMessage> sent = new ArrayList<>();
    FinalResult f =
        runAtPort9(
            EngineOptions.defaults()
                .withEventLoops(1)
                .withAllowedTargets(io.salvo.cluster.TargetAllowList.parse("10.0.0.0/8, [::1]")),
            sent);
    assertEquals(
        "target host 127.0.0.1 (port 9) is not in the target allow-list (10.0.0.0/8, [::1])",
        f.error());
    assertEquals(0, f.intervals());
    assertEquals(List.of(f), sent);
  }

  /** Runs one node's 1-second share against 127.0.0.1:9, where nothing listens. */
  private static FinalResult runAtPort9(EngineOptions options, List<ClusterMessage> sent)
      throws Exception {
    String source =
        "target: {baseUrl: \"http://127.0.0.1:9\"}\n"
            + "scenarios: [{name: s, steps: [{request: {path: /}}], load: [{constantRate: {rate: 1, duration: 1s}}]}]\n";
    Plan plan = PlanParser.parse("p.yaml", source);
    NodeWork w =
        NodeWork.start(
            "c",
            "n0",
            "r",
            plan,
            List.of(new io.salvo.engine.ScenarioPart(plan.scenarios().get(0), 0, 1, "split")),
            System.currentTimeMillis(),
            0,
            options,
            sent::add);
    return w.done().get(10, TimeUnit.SECONDS);
  }
}
