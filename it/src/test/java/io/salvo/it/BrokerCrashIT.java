package io.salvo.it;

import static io.salvo.it.Clusters.awaitEnd;
import static io.salvo.it.Clusters.ratePlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.target.TargetServer;
import java.time.Duration;
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
 * No run lost when a standalone broker crashes: killed (SIGKILL) in the middle of a two-agent run
 * and started again 4 s later on its own journal. The agents hold their results meanwhile, the
 * coordinator does not count the silence as an agent loss (onAgentLoss: fail), and the run ends
 * COMPLETED with a merged count equal to the target's count and to rate x duration. An agent that
 * dies during the outage is still found lost once the broker is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerCrashIT {
  private static final int OFFSET = 850;
  private static final int BROKER_PORT = 62_016;
  private static final String URL = "http://127.0.0.1:" + (LocalCluster.HTTP_BASE + OFFSET);
  private static final int RATE = 400;
  private static final int SECONDS = 20;

  private static LocalCluster cluster;
  private static LocalCluster.Node broker;
  private static final Map<String, LocalCluster.Node> AGENTS = new LinkedHashMap<>();
  private static TargetServer target;
  private static CoordinatorClient api;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = Clusters.cluster("broker-crash-it");
    cluster.stopAll();
    target = TargetServer.start(0, 2);
    broker = cluster.startBroker("broker", BROKER_PORT, false, "broker-crash");
    LocalCluster.Node coordinator =
        cluster.start(
            new LocalCluster.NodeSpec(
                "coordinator",
                "coordinator-standalone-broker",
                OFFSET,
                Clusters.coordinator(cluster, Clusters.broker(cluster, BROKER_PORT))));
    cluster.awaitHttp(URL + "/api/agents", Duration.ofSeconds(180), coordinator);
    AGENTS.putAll(
        Clusters.startAgents(
            cluster, "agent-standalone-broker", "broker-crash", 2, OFFSET, BROKER_PORT));
    Clusters.awaitAgentsReady(
        cluster, URL, 2, AGENTS.values().stream().map(LocalCluster.Node::port).toList());
    api = new CoordinatorClient(URL, null, Clusters.token());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Clusters.stop(cluster, target);
  }

  /** Starts a two-agent run (onAgentLoss: fail) and waits until its first seconds are merged. */
  private static String startAndAwaitLoad() throws Exception {
    return Clusters.startAndAwaitLoad(
        api, ratePlan(target.url(), RATE, SECONDS + "s"), "broker-crash", 4);
  }

  @Test
  @Order(1)
  void aBrokerKilledAndStartedAgainLosesNoResult() throws Exception {
    target.reset();
    String id = startAndAwaitLoad();
    Clusters.kill(broker);
    // The broker stays away for 4 s: a duration of the outage, not a wait for a condition.
    Thread.sleep(4_000);
    broker = cluster.restartBroker(broker);

    Clusters.assertExact(
        api, target, id, awaitEnd(api, id, Duration.ofSeconds(180)), (long) RATE * SECONDS);
  }

  @Test
  @Order(2)
  void anAgentThatDiesDuringABrokerOutageIsFoundLostOnceTheBrokerIsBack() throws Exception {
    String id = startAndAwaitLoad();
    Clusters.kill(broker);
    // During the outage, one agent dies for good.
    Clusters.kill(AGENTS.get("broker-crash-2"));
    Thread.sleep(4_000);
    broker = cluster.restartBroker(broker);
    long back = System.nanoTime();

    JsonNode end = awaitEnd(api, id, Duration.ofSeconds(120));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
    System.out.printf(
        "run %s: %s %d ms after the broker was started again: %s%n",
        id, end.path("state").asText(), tookMillis, end.path("message").asText());
    assertEquals("FAILED", end.path("state").asText(), end.toString());
    String message = end.path("message").asText();
    assertTrue(message.contains("agent broker-crash-2 was lost"), message);
    assertTrue(message.contains("onAgentLoss is fail"), message);
    assertEquals(List.of("broker-crash-2"), List.of(end.path("lostNodes").get(0).asText()));
    assertEquals(1, end.path("lostNodes").size(), end.toString());
    // The survivor was not taken for lost: it was silent for as long as the dead agent.
    Report r = ReportJson.read(api.reportJson(id));
    assertEquals(
        Report.AgentReport.LOST,
        r.agents().stream()
            .filter(a -> a.id().equals("broker-crash-2"))
            .findFirst()
            .orElseThrow()
            .state());
  }
}
