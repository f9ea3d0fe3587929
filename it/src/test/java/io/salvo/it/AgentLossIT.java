package io.salvo.it;

import static io.salvo.it.Clusters.awaitEnd;
import static io.salvo.it.Clusters.ratePlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.target.TargetServer;
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
 * An agent killed (SIGKILL, no goodbye) in the middle of a run: the run's {@code onAgentLoss}
 * policy decides, and nothing received is dropped. A coordinator and three agents of cluster {@code
 * loss}; each test kills one of the agents its run chose.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentLossIT {
  private static final int OFFSET = 600;
  private static final String URL = "http://127.0.0.1:" + (LocalCluster.HTTP_BASE + OFFSET);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

  private static LocalCluster cluster;
  private static final Map<String, LocalCluster.Node> AGENTS = new LinkedHashMap<>();
  private static TargetServer target;
  private static CoordinatorClient api;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = Clusters.cluster("agent-loss-it");
    cluster.stopAll();
    target = TargetServer.start(0, 2);
    Clusters.startCoordinator(cluster, OFFSET, "loss");
    AGENTS.putAll(
        Clusters.startAgents(cluster, "agent", "loss", 3, OFFSET, LocalCluster.HTTP_BASE + OFFSET));
    Clusters.awaitAgentsReady(
        cluster, URL, 3, AGENTS.values().stream().map(LocalCluster.Node::port).toList());
    api = new CoordinatorClient(URL, null, Clusters.token());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Clusters.stop(cluster, target);
  }

  /** Starts a two-agent run and waits until every node has reported its first seconds. */
  private static String startAndAwaitLoad(String plan) throws Exception {
    return Clusters.startAndAwaitLoad(api, plan, "loss", 2);
  }

  /** Kills the JVM of the run's first agent, as a crash or a pulled cable would. */
  private static String firstAgentOf(String runId) {
    List<String> nodes = new ArrayList<>();
    api.run(runId).path("nodes").forEach(n -> nodes.add(n.asText()));
    assertEquals(2, nodes.size(), nodes.toString());
    return nodes.get(0);
  }

  private static String killFirstAgentOf(String runId) throws Exception {
    String victim = firstAgentOf(runId);
    Clusters.kill(AGENTS.get(victim));
    return victim;
  }

  private static Report.AgentReport part(Report r, String id) {
    return r.agents().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  @Order(1)
  void withContinueTheRunFinishesDegradedAndKeepsWhatTheLostAgentSent() throws Exception {
    target.reset();
    // 200/s for 15 s split over two agents: 1,500 requests each.
    String id =
        startAndAwaitLoad(
            ratePlan(target.url(), 200, "15s") + "cluster: {onAgentLoss: continue}\n");
    String victim = firstAgentOf(id);
    // What the coordinator has merged of the victim so far: kept whatever happens next. (Not 3 x
    // 100: a request counts in the second it completes, so one in flight at a boundary moves on.)
    long mergedBefore = 0;
    for (JsonNode second :
        api.call("GET", "/runs/" + id + "/stats?since=0", null).path("seconds")) {
      mergedBefore += second.path("nodes").path(victim).asLong();
    }
    assertTrue(mergedBefore > 0, "some of the victim's seconds were merged");
    Clusters.kill(AGENTS.get(victim));

    JsonNode end = awaitEnd(api, id, RUN_TIMEOUT);
    assertEquals("COMPLETED", end.path("state").asText(), end.toString());
    assertTrue(end.path("degraded").asBoolean(), end.toString());
    assertEquals(victim, end.path("lostNodes").get(0).asText(), end.toString());
    assertEquals(1, end.path("lostNodes").size(), end.toString());
    String message = end.path("message").asText();
    assertTrue(message.contains("agent " + victim + " was lost"), message);
    assertTrue(message.contains("onAgentLoss: continue"), message);

    Report r = ReportJson.read(api.reportJson(id));
    assertEquals(2, r.agents().size());
    Report.AgentReport lost = part(r, victim);
    Report.AgentReport survivor =
        r.agents().stream().filter(a -> !a.id().equals(victim)).findFirst().orElseThrow();
    assertEquals(Report.AgentReport.LOST, lost.state());
    assertEquals(Report.AgentReport.FINISHED, survivor.state());
    assertEquals(1_500, survivor.figures().requests(), "the survivor ran its whole share");
    // The lost agent's seconds that arrived are kept: at least those merged before the kill.
    assertTrue(
        lost.figures().requests() >= mergedBefore,
        "kept from the lost agent: " + lost + ", merged before the kill: " + mergedBefore);
    assertTrue(lost.figures().requests() < 1_500, "the lost agent was cut short: " + lost);
    assertNull(lost.startOffsetMs());
    assertEquals(
        survivor.figures().requests() + lost.figures().requests(),
        r.total().requests(),
        "the merged total is what the nodes sent");
    // The target saw everything reported, plus at most the lost agent's unreported last
    // second or two (100 requests a second).
    long unreported = target.requests() - r.total().requests();
    assertTrue(unreported >= 0 && unreported <= 300, "unreported requests: " + unreported);
    assertTrue(
        r.notes().stream().anyMatch(n -> n.contains("agent " + victim + " was lost")),
        r.notes().toString());
  }

  @Test
  @Order(2)
  void withFailTheRunFailsAndTheOtherAgentStops() throws Exception {
    target.reset();
    // onAgentLoss defaults to fail. 200/s for 40 s: 8,000 requests if nothing stopped it.
    String id = startAndAwaitLoad(ratePlan(target.url(), 200, "40s"));
    String victim = killFirstAgentOf(id);
    long killed = System.nanoTime();

    JsonNode end = awaitEnd(api, id, RUN_TIMEOUT);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    assertEquals("FAILED", end.path("state").asText(), end.toString());
    String message = end.path("message").asText();
    assertTrue(message.contains("agent " + victim + " was lost"), message);
    assertTrue(message.contains("onAgentLoss is fail"), message);
    assertTrue(tookMillis < 10_000, "the loss was acted on after " + tookMillis + " ms");

    // The surviving agent was told to stop: the target's count settles (no change for 2 s) well
    // before the 8,000 the whole run would have sent.
    long settled =
        Clusters.awaitSettled(target::requests, Duration.ofSeconds(2), Duration.ofSeconds(20));
    assertTrue(settled < 4_000, "the run was cut short: " + settled);

    Report r = ReportJson.read(api.reportJson(id));
    assertEquals("ERROR", r.status());
    assertEquals(Report.AgentReport.LOST, part(r, victim).state());
    String other =
        r.agents().stream()
            .map(Report.AgentReport::id)
            .filter(a -> !a.equals(victim))
            .findFirst()
            .orElseThrow();
    // The survivor stops at once; whether its final result arrives before the failed run is
    // sealed is a race the report states either way: finished, or incomplete with what it sent.
    String survivor = part(r, other).state();
    assertTrue(
        survivor.equals(Report.AgentReport.INCOMPLETE)
            || survivor.equals(Report.AgentReport.FINISHED),
        survivor);
    assertTrue(r.total().requests() > 0);
    assertEquals(
        r.agents().stream().mapToLong(a -> a.figures().requests()).sum(), r.total().requests());

    // The survivor is free again and takes the next run.
    cluster.awaitAgents(
        URL,
        agents -> {
          for (JsonNode a : agents) {
            if (a.path("id").asText().equals(other)) {
              return "IDLE".equals(a.path("state").asText());
            }
          }
          return false;
        },
        Duration.ofSeconds(30));
    JsonNode next = api.startRun(ratePlan(target.url(), 50, "2s"), "loss", null, 1, "10s");
    assertEquals(
        "COMPLETED", awaitEnd(api, next.path("id").asText(), RUN_TIMEOUT).path("state").asText());
  }
}
