package io.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.cli.cluster.LocalCluster;
import io.salvo.plan.NodeType;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.sdk.SalvoResponse;
import io.salvo.sdk.SalvoRunner;
import io.salvo.sdk.SalvoScenario;
import io.salvo.sdk.SalvoSimulation;
import io.salvo.target.TargetServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The SDK as a cluster, each part a process of its own: a standalone Artemis broker, two agents and
 * a coordinator all running the {@code OrdersCluster} example program from {@code
 * salvo-examples.jar}, and a WildFly agent on the same broker that the SDK's coordinator drives
 * beside them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkClusterIT {
  private static final int OFFSET = 900;
  private static final int BROKER_PORT = 62_116;
  private static final String CLUSTER = "orders-cluster";
  private static final String BROKER = "tcp://127.0.0.1:" + BROKER_PORT;
  private static final Path STATE = Path.of("target/clusters/sdk-cluster-it");

  private static LocalCluster cluster;
  private static TargetServer target;
  private static final Map<String, Process> SDK_AGENTS = new LinkedHashMap<>();
  private static LocalCluster.Node warAgent;

  @BeforeAll
  static void start() throws Exception {
    cluster = Clusters.cluster("sdk-cluster-it");
    cluster.stopAll();
    Files.createDirectories(STATE);
    target = TargetServer.start("127.0.0.1", 0, 1);
    cluster.startBroker("broker", BROKER_PORT, false, CLUSTER);
    Map<String, String> user = cluster.brokerUser(CLUSTER);
    for (String id : List.of("sdk-agent-1", "sdk-agent-2")) {
      SDK_AGENTS.put(
          id,
          orders(
              "agent",
              user.get("salvo.broker.user"),
              user.get("salvo.broker.password"),
              Map.of("salvo.agentId", id),
              STATE.resolve(id + ".log")));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : SDK_AGENTS.values()) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    Clusters.stop(cluster, target);
  }

  /** The OrdersCluster example in a JVM of its own, its broker password in the environment. */
  private static Process orders(
      String mode, String user, String password, Map<String, String> more, Path log)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dorders.target=" + target.url(),
                "-Dsalvo.broker=" + BROKER,
                "-Dsalvo.brokerUser=" + user,
                "-Dsalvo.keysDir=" + cluster.signingKeys(CLUSTER),
                "-Dsalvo.threads=1"));
    more.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(
        List.of(
            "-cp",
            Clusters.home().resolve("examples/target/salvo-examples.jar").toString(),
            "io.salvo.examples.OrdersCluster",
            mode));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("SALVO_BROKER_PASSWORD", password);
    return pb.start();
  }

  private static Report.ScenarioReport scenario(Report r, String name) {
    return r.scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  @Order(1)
  void anSdkCoordinatorAndTwoSdkAgentsSplitACodeScenarioExactly() throws Exception {
    target.reset();
    Path reports = STATE.resolve("orders-run");
    var servers = cluster.brokerProperties();
    Process coordinator =
        orders(
            "coordinator",
            servers.getProperty("salvo.broker.user"),
            servers.getProperty("salvo.broker.password"),
            Map.of(
                "orders.rate", "1000",
                "orders.duration", "10s",
                "salvo.reports", reports.toAbsolutePath().toString()),
            STATE.resolve("coordinator.log"));
    assertTrue(coordinator.waitFor(180, TimeUnit.SECONDS), "the coordinator did not finish");
    String log = Files.readString(STATE.resolve("coordinator.log"), StandardCharsets.UTF_8);
    assertEquals(0, coordinator.exitValue(), log);
    Report r = ReportJson.read(Files.readString(reports.resolve("report.json")));
    assertEquals("PASSED", r.status(), String.valueOf(r.notes()));
    Report.ScenarioReport wait = scenario(r, "wait-for-completion");
    assertEquals("split", wait.distribution());
    assertEquals(10_000, wait.figures().requests());
    Report.ScenarioReport submit = scenario(r, "submit-orders");
    assertEquals("coordinator", submit.distribution());
    assertEquals(2, submit.figures().requests());
    Map<String, Long> byNode = new LinkedHashMap<>();
    for (Report.AgentReport a : r.agents()) {
      assertEquals(Report.AgentReport.FINISHED, a.state(), a.id());
      byNode.put(a.id(), a.figures().requests());
    }
    // 5,000 + 5,000 on the agents; the coordinator's own scenario ran on the coordinator only.
    assertEquals(Map.of("sdk-agent-1", 5_000L, "sdk-agent-2", 5_000L, "coordinator", 2L), byNode);
    assertEquals(target.requests(), r.total().requests());
    assertTrue(Files.readString(reports.resolve("latency.hlog")).contains("wait-for-completion"));
    for (Process p : SDK_AGENTS.values()) {
      assertTrue(p.isAlive(), "an agent stays for the next run");
    }
  }

  @Test
  @Order(2)
  void theSdkCoordinatorDrivesAWildFlyAgentBesideTwoSdkAgents() throws Exception {
    warAgent =
        cluster.start(
            new LocalCluster.NodeSpec(
                "war-agent",
                "agent-standalone-broker",
                OFFSET + 10,
                Clusters.agent(cluster, "war-agent", CLUSTER, "perf-agents", BROKER_PORT)));
    cluster.awaitHttp(
        "http://127.0.0.1:" + warAgent.port() + "/agent/api/status",
        Duration.ofSeconds(180),
        warAgent);
    target.reset();
    Path plan = STATE.resolve("http-plan.yaml");
    Files.writeString(
        plan,
        """
        name: interop
        target:
          baseUrl: %s
        cluster:
          clusterId: %s
          agentGroup: perf-agents
          agentsCount: 3
        scenarios:
          - name: browse
            steps:
              - request: {path: /products}
            load:
              - constantRate: {rate: 300, duration: 5s}
        """
            .formatted(target.url(), CLUSTER));
    var servers = cluster.brokerProperties();
    // The SDK's coordinator, here in the test's JVM; a plan of HTTP steps needs no code.
    Report r =
        SalvoRunner.registerScenarios(
                SalvoScenario.create("unused", ctx -> SalvoResponse.ok())
                    .withLoadSimulations(SalvoSimulation.injectPerSec(1, Duration.ofSeconds(1))))
            .withPlan(plan)
            .withNodeType(NodeType.COORDINATOR)
            .withBroker(
                BROKER,
                servers.getProperty("salvo.broker.user"),
                servers.getProperty("salvo.broker.password"))
            .withKeysDir(cluster.signingKeys(CLUSTER))
            .withReportsFolder(STATE.resolve("interop-run"))
            .withConsole(null)
            .run()
            .report();
    assertEquals("PASSED", r.status(), String.valueOf(r.notes()));
    assertEquals(1_500, r.total().requests());
    assertEquals(target.requests(), r.total().requests());
    Map<String, Long> byNode = new LinkedHashMap<>();
    for (Report.AgentReport a : r.agents()) {
      assertEquals(Report.AgentReport.FINISHED, a.state(), a.id());
      byNode.put(a.id(), a.figures().requests());
    }
    assertEquals(Map.of("sdk-agent-1", 500L, "sdk-agent-2", 500L, "war-agent", 500L), byNode);
  }

  @Test
  @Order(3)
  void agentsWithoutTheCodeFailTheRunNamingTheAgentAndTheScenario() throws Exception {
    var servers = cluster.brokerProperties();
    Report r =
        SalvoRunner.registerScenarios(
                SalvoScenario.create("audit", ctx -> SalvoResponse.ok())
                    .withLoadSimulations(SalvoSimulation.injectPerSec(10, Duration.ofSeconds(1))))
            .withNodeType(NodeType.COORDINATOR)
            .withClusterId(CLUSTER)
            .withAgentGroup("perf-agents")
            .withAgentsCount(3)
            .withBroker(
                BROKER,
                servers.getProperty("salvo.broker.user"),
                servers.getProperty("salvo.broker.password"))
            .withKeysDir(cluster.signingKeys(CLUSTER))
            .withReportsFolder(STATE.resolve("audit-run"))
            .withConsole(null)
            .run()
            .report();
    assertEquals("ERROR", r.status());
    String notes = String.join("\n", r.notes());
    assertTrue(
        notes.contains(
            "could not run: scenario 'audit' runs code 'audit', which is not registered on this"
                + " node"),
        notes);
    assertTrue(notes.contains("node sdk-agent-1") || notes.contains("node war-agent"), notes);
    assertEquals(0, r.total().requests());
  }
}
