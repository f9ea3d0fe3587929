package io.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.target.TargetServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An agent without WildFly ({@code salvo agent}, a plain JVM on Artemis's Jakarta JMS client) in
 * the same cluster as a WildFly agent, both driven by a WildFly coordinator through its embedded
 * broker: the split is exact across the two kinds, the merged count is the target's, and the light
 * agent's status API answers the coordinator's format. A wrong broker password stops it at once,
 * naming the user.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LightAgentIT {
  private static final int OFFSET = 500;
  private static final int HTTP = LocalCluster.HTTP_BASE + OFFSET;
  private static final String URL = "http://127.0.0.1:" + HTTP;
  private static final String BROKER = "tcp://127.0.0.1:" + HTTP + "?httpUpgradeEnabled=true";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Path STATE =
      Path.of(System.getProperty("salvo.it.state", "target/clusters")).resolve("light-agent-it");

  private static LocalCluster cluster;
  private static TargetServer target;
  private static CoordinatorClient api;
  private static LocalCluster.Node wildflyAgent;
  private static Process light;
  private static Path lightLog;

  @BeforeAll
  static void start() throws Exception {
    cluster = Clusters.cluster("light-agent-it");
    cluster.stopAll();
    Files.createDirectories(STATE);
    target = TargetServer.start(0, 2);
    Clusters.startCoordinator(cluster, OFFSET, "light");
    wildflyAgent = Clusters.startAgents(cluster, "agent", "light", 1, OFFSET, HTTP).get("light-1");
    lightLog = STATE.resolve("light-2.log");
    light =
        lightAgent("light-2", cluster.brokerUser("light").get("salvo.broker.password"), lightLog);
    cluster.awaitAgents(URL, agents -> agents.size() == 2, Duration.ofSeconds(180));
    api = new CoordinatorClient(URL, null, Clusters.token());
  }

  /** {@code salvo agent} in a JVM of its own, its password in the environment. */
  private static Process lightAgent(String id, String password, Path log) throws IOException {
    return lightAgent(id, "light", password, log);
  }

  private static Process lightAgent(
      String id, String clusterId, String password, Path log, String... more) throws IOException {
    Path jar = Clusters.home().resolve("cli/target/salvo.jar");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "agent",
                "--broker",
                BROKER,
                "--cluster-id",
                clusterId,
                "--broker-user",
                "salvo-agent-light",
                "--id",
                id,
                "--keys-dir",
                cluster.signingKeys(clusterId).toString(),
                "--status-port",
                "0",
                "--threads",
                "1",
                "--broker-wait",
                "20s"));
    command.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("SALVO_BROKER_PASSWORD", password);
    return pb.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (light != null) {
      light.destroy();
      if (!light.waitFor(20, TimeUnit.SECONDS)) {
        light.destroyForcibly();
      }
    }
    Clusters.stop(cluster, target);
  }

  @Test
  @Order(1)
  void aWildFlyCoordinatorSplitsARunExactlyAcrossAWildFlyAgentAndALightOne() throws Exception {
    target.reset();
    JsonNode run = api.startRun(Clusters.ratePlan(target.url(), 200, "5s"), "light", null, 2, null);
    String id = run.path("id").asText();
    JsonNode end = Clusters.awaitEnd(api, id, WAIT);
    assertEquals("COMPLETED", end.path("state").asText(), end.toString());
    assertEquals(List.of("light-1", "light-2"), nodes(end));
    Report r = ReportJson.read(api.reportJson(id));
    assertEquals(1_000, r.total().requests());
    assertEquals(target.requests(), r.total().requests());
    for (Report.AgentReport a : r.agents()) {
      assertEquals(500, a.figures().requests(), a.id());
      assertEquals(Report.AgentReport.FINISHED, a.state(), a.id());
    }
    assertEquals(0, end.path("rejectedMessages").asLong(), "its messages are signed");
  }

  private static List<String> nodes(JsonNode run) {
    List<String> out = new ArrayList<>();
    run.path("nodes").forEach(n -> out.add(n.asText()));
    out.sort(null);
    return out;
  }

  @Test
  @Order(2)
  void itsStatusApiAnswersAsTheWildFlyAgentsDoes() throws Exception {
    String status = statusUrl();
    JsonNode s = Clusters.get(status);
    assertEquals("light-2", s.path("agentId").asText());
    assertEquals("IDLE", s.path("state").asText());
    assertEquals(1, s.path("runsTaken").asInt());
    assertTrue(s.path("announced").asBoolean());
    assertEquals("UP", Clusters.get(status.replace("/status", "/health")).path("status").asText());
    // The coordinator knows where to ask: the URL the agent announced.
    JsonNode agent = null;
    for (JsonNode a : Clusters.get(URL + "/api/agents")) {
      if (a.path("id").asText().equals("light-2")) {
        agent = a;
      }
    }
    assertTrue(agent != null && !agent.path("clockOffsetMs").isNull(), String.valueOf(agent));
    System.out.printf(
        "LightAgentIT: resident memory after a run: light agent %d MB, WildFly agent %d MB%n",
        residentMb(light.pid()), residentMb(wildflyAgent.pid()));
  }

  private static String statusUrl() throws IOException {
    Matcher m =
        Pattern.compile("status at (http://127\\.0\\.0\\.1:\\d+/status)")
            .matcher(Files.readString(lightLog));
    assertTrue(m.find(), Files.readString(lightLog));
    return m.group(1);
  }

  private static long residentMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  @Test
  @Order(3)
  void aWrongBrokerPasswordStopsItNamingTheUser() throws Exception {
    Path log = STATE.resolve("light-3.log");
    Process p = lightAgent("light-3", "not-the-password", log);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !p.isAlive());
    assertEquals(2, p.exitValue());
    String out = Files.readString(log);
    assertTrue(out.contains("the broker at " + BROKER + " refused user salvo-agent-light"), out);
    assertTrue(!out.contains("\tat "), "no stack trace: " + out);
  }

  @Test
  @Order(4)
  void aClusterUserCannotJoinAnotherCluster() throws Exception {
    // light's agents' user, but the agent says it is in cluster "other": the broker refuses the
    // subscription to other's assignments, and the agent stops naming the cluster.
    Path log = STATE.resolve("light-4.log");
    Process p =
        lightAgent(
            "light-4", "other", cluster.brokerUser("light").get("salvo.broker.password"), log);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !p.isAlive());
    String out = Files.readString(log);
    assertEquals(2, p.exitValue(), out);
    assertTrue(
        out.contains("does not let user salvo-agent-light read cluster other's assignments"), out);
  }

  @Test
  @Order(5)
  void aWildFlyCoordinatorRunsAPlansCodeStepsOnALightAgentWithAScenarioJar() throws Exception {
    // salvo agent with the examples' jar, in a group of its own: the plan's code step "fetch"
    // runs the jar's code, which GETs the URL each session takes from the plan's feeder.
    Path log = STATE.resolve("light-code.log");
    Process p =
        lightAgent(
            "light-code",
            "light",
            cluster.brokerUser("light").get("salvo.broker.password"),
            log,
            "--group",
            "code",
            "--plan-scenarios",
            Clusters.home().resolve("examples/target/salvo-examples.jar").toString());
    try {
      cluster.awaitAgents(URL, agents -> agents.size() == 3, Duration.ofSeconds(60));
      assertTrue(Files.readString(log).contains("code scenarios: fetch"), Files.readString(log));
      target.reset();
      String plan =
          """
          name: code-on-light
          target: {}
          feeders:
            - name: urls
              strategy: circular
              rows: [{url: "%s/a"}, {url: "%s/b"}]
          scenarios:
            - name: fetching
              feed: [urls]
              steps:
                - code: fetch
              load:
                - constantRate: {rate: 100, duration: 3s}
          """
              .formatted(target.url(), target.url());
      JsonNode run = api.startRun(plan, "light", "code", 1, null);
      String id = run.path("id").asText();
      JsonNode end = Clusters.awaitEnd(api, id, WAIT);
      assertEquals("COMPLETED", end.path("state").asText(), end.toString());
      assertEquals(List.of("light-code"), nodes(end));
      Report r = ReportJson.read(api.reportJson(id));
      assertEquals(300, r.total().requests());
      assertEquals(0, r.total().errors());
      assertEquals(target.requests(), r.total().requests());
      assertEquals("fetch", r.scenarios().get(0).steps().get(0).name());
      // The same plan on a cluster whose only agent lacks the code fails, naming both.
      JsonNode refused = api.startRun(plan, "light", null, 1, null);
      JsonNode failed = Clusters.awaitEnd(api, refused.path("id").asText(), WAIT);
      assertEquals("FAILED", failed.path("state").asText(), failed.toString());
      assertTrue(
          failed
              .toString()
              .contains(
                  "light-1 could not run: scenario 'fetching' runs code 'fetch', which is not registered on this node"),
          failed.toString());
    } finally {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
