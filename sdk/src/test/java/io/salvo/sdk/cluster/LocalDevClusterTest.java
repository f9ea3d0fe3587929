package io.salvo.sdk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.report.Report;
import io.salvo.sdk.SalvoResponse;
import io.salvo.sdk.SalvoResult;
import io.salvo.sdk.SalvoRunner;
import io.salvo.sdk.SalvoScenario;
import io.salvo.sdk.SalvoSimulation;
import io.salvo.sdk.SalvoThreshold;
import io.salvo.target.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's coordinator and agents on Artemis in this JVM: the cluster's whole path (assignment,
 * exact split, results over the broker, merge), against a real target on 127.0.0.1.
 */
class LocalDevClusterTest {
  static TargetServer target;

  @TempDir Path dir;

  @BeforeAll
  static void startTarget() throws Exception {
    target = TargetServer.start("127.0.0.1", 0, 1);
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  @Test
  void coordinatorAndTwoAgentsSplitExactlyAndMergeTheTargetsCount() throws Exception {
    Set<String> submittedOn = ConcurrentHashMap.newKeySet();
    Set<String> waitedOn = ConcurrentHashMap.newKeySet();
    long before = target.requests();
    String url = target.url() + "/orders";
    SalvoScenario submit =
        SalvoScenario.create(
                "submit-orders",
                ctx -> {
                  submittedOn.add(Thread.currentThread().getName());
                  return SalvoResponse.of(ctx.http().post(url, "text/plain", "order").join());
                })
            .withLoadSimulations(SalvoSimulation.iterationsForConstant(1, 2));
    SalvoScenario wait =
        SalvoScenario.createAsync(
                "wait-for-completion",
                ctx -> {
                  waitedOn.add(Thread.currentThread().getName());
                  return ctx.http().get(url).thenApply(SalvoResponse::of);
                })
            .withLoadSimulations(SalvoSimulation.injectPerSec(100, Duration.ofSeconds(2)));
    SalvoResult result =
        SalvoRunner.registerScenarios(submit, wait)
            .withClusterId("orders-cluster")
            .withAgentGroup("perf-agents")
            .withCoordinatorTargetScenarios("submit-orders")
            .withAgentTargetScenarios("wait-for-completion")
            .withLocalDevCluster(2)
            .withThreads(1)
            .withThresholds(SalvoThreshold.of("errorRate == 0%"))
            .withReportsFolder(dir)
            .withConsole(null)
            .run();
    Report r = result.report();
    assertEquals("PASSED", r.status(), String.valueOf(r.notes()));
    Report.ScenarioReport w = scenario(r, "wait-for-completion");
    assertEquals("split", w.distribution());
    assertEquals(200, w.figures().requests());
    Report.ScenarioReport s = scenario(r, "submit-orders");
    assertEquals("coordinator", s.distribution());
    assertEquals(2, s.figures().requests());
    assertEquals(202, target.requests() - before);
    // Each agent took exactly half; the coordinator's scenario ran on the coordinator only.
    assertEquals(3, r.agents().size());
    for (Report.AgentReport a : r.agents()) {
      assertEquals(Report.AgentReport.FINISHED, a.state());
      assertEquals(a.id().equals("coordinator") ? 2 : 100, a.figures().requests(), a.id());
    }
    assertTrue(
        submittedOn.stream().allMatch(t -> t.startsWith("salvo-code-")), submittedOn.toString());
    assertTrue(waitedOn.stream().noneMatch(t -> t.startsWith("salvo-code-")), waitedOn.toString());
    assertTrue(Files.readString(dir.resolve("latency.hlog")).contains("wait-for-completion"));
    assertTrue(Files.exists(dir.resolve("report.html")));
  }

  @Test
  void anAgentWithoutTheScenarioFailsTheRunNamingBoth() throws Exception {
    Plan plan =
        SalvoRunner.registerScenarios(
                SalvoScenario.create("wait-for-completion", ctx -> SalvoResponse.ok())
                    .withLoadSimulations(SalvoSimulation.injectPerSec(10, Duration.ofSeconds(1))))
            .withNodeType(NodeType.COORDINATOR)
            .withClusterId("c2")
            .plan();
    try (LocalDevCluster cluster = agentWithoutCode("c2");
        SdkCoordinator coordinator = coordinatorOf(cluster, "c2")) {
      Report r = coordinator.run("r1", plan, SdkCoordinator.source(plan)).report();
      assertEquals("ERROR", r.status());
      assertEquals(
          "node local-agent-1 could not run: scenario 'wait-for-completion' runs code"
              + " 'wait-for-completion', which is not registered on this node (it has no code)",
          r.notes().get(r.notes().size() - 1),
          String.valueOf(r.notes()));
    }
  }

  /** One agent of {@code clusterId}, in this JVM, that has no code. */
  private static LocalDevCluster agentWithoutCode(String clusterId) throws Exception {
    return LocalDevCluster.start(
        1, clusterId, null, CodeRegistry.empty(), 1, TargetAllowList.parse("loopback"));
  }

  /** An SDK coordinator of {@code clusterId} on that cluster's broker, unsigned. */
  private static SdkCoordinator coordinatorOf(LocalDevCluster cluster, String clusterId)
      throws Exception {
    return SdkCoordinator.start(
        new SdkCoordinator.Options(
            cluster.brokerUrl(),
            null,
            null,
            null,
            clusterId,
            1,
            CodeRegistry.empty(),
            Duration.ofSeconds(5)));
  }

  private static Report.ScenarioReport scenario(Report r, String name) {
    return r.scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void tooFewAgentsOrNoBrokerFailNamingWhy() throws Exception {
    SalvoScenario s =
        SalvoScenario.create("s", ctx -> SalvoResponse.ok())
            .withLoadSimulations(SalvoSimulation.injectPerSec(10, Duration.ofSeconds(1)));
    // One agent joins a run that waits for two: after the timeout it fails, saying who joined.
    Plan plan =
        SalvoRunner.registerScenarios(s)
            .withNodeType(NodeType.COORDINATOR)
            .withClusterId("c3")
            .withAgentsCount(2)
            .withAgentsTimeout(Duration.ofSeconds(2))
            .plan();
    try (LocalDevCluster cluster = agentWithoutCode("c3");
        SdkCoordinator coordinator = coordinatorOf(cluster, "c3")) {
      Report r = coordinator.run("r3", plan, SdkCoordinator.source(plan)).report();
      assertEquals("ERROR", r.status());
      assertEquals(
          List.of("waiting for 2 agents in cluster c3 timed out after 2s: 1 joined: local-agent-1"),
          r.notes());
    }
    // No broker on that port: the coordinator does not start, and says where it looked.
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                SalvoRunner.registerScenarios(s)
                    .withNodeType(NodeType.COORDINATOR)
                    .withBroker("tcp://127.0.0.1:" + port, "u", "p")
                    .withBrokerWait(Duration.ofSeconds(1))
                    .withReportsFolder(dir.resolve("never"))
                    .withConsole(null)
                    .run());
    assertTrue(
        e.getMessage().startsWith("cannot reach the broker at tcp://127.0.0.1:" + port + " within"),
        e.getMessage());
    try (var left = Files.list(dir)) {
      assertEquals(0, left.count(), "no report directory is left behind");
    }
  }
}
