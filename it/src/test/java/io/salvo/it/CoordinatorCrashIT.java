package io.salvo.it;

import static io.salvo.it.Clusters.agent;
import static io.salvo.it.Clusters.awaitEnd;
import static io.salvo.it.Clusters.ratePlan;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.target.TargetServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * No run lost to a crash, with the coordinator's embedded broker: an agent cut off from the broker
 * for 5 s (under {@code fail}, while the coordinator still reaches it over HTTP; under {@code
 * continue}, with its HTTP cut too), and the coordinator itself killed (SIGKILL) and started again
 * on its own files. Each run ends COMPLETED with a merged count equal to the target's count and to
 * rate x duration. Agent {@code crash-1} reaches the broker, and the coordinator reaches its status
 * resource, through {@link TcpProxy}s the test can cut; {@code crash-2} is reached directly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoordinatorCrashIT {
  private static final int OFFSET = 800;
  private static final int PORT = LocalCluster.HTTP_BASE + OFFSET;
  private static final String URL = "http://127.0.0.1:" + PORT;
  private static final int RATE = 400;
  private static final int SECONDS = 20;

  private static LocalCluster cluster;
  private static LocalCluster.NodeSpec coordinatorSpec;
  private static LocalCluster.Node coordinator;
  private static TcpProxy proxy;
  private static TcpProxy statusProxy;
  private static TargetServer target;
  private static CoordinatorClient api;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = Clusters.cluster("coordinator-crash-it");
    cluster.stopAll();
    target = TargetServer.start(0, 2);
    coordinatorSpec =
        new LocalCluster.NodeSpec(
            "coordinator", "coordinator", OFFSET, Clusters.coordinator(cluster, Map.of(), "crash"));
    coordinator = cluster.start(coordinatorSpec);
    cluster.awaitHttp(URL + "/api/agents", Duration.ofSeconds(180), coordinator);
    proxy = new TcpProxy(PORT);
    statusProxy = new TcpProxy(LocalCluster.HTTP_BASE + OFFSET + 10);
    Map<String, String> oneProperties =
        new java.util.LinkedHashMap<>(agent(cluster, "crash-1", "crash", null, proxy.port()));
    oneProperties.put(
        "salvo.statusUrl", "http://127.0.0.1:" + statusProxy.port() + "/agent/api/status");
    LocalCluster.Node one =
        cluster.start(new LocalCluster.NodeSpec("crash-1", "agent", OFFSET + 10, oneProperties));
    LocalCluster.Node two =
        cluster.start(
            new LocalCluster.NodeSpec(
                "crash-2", "agent", OFFSET + 20, agent(cluster, "crash-2", "crash", null, PORT)));
    Clusters.awaitAgentsReady(cluster, URL, 2, java.util.List.of(one.port(), two.port()));
    api = new CoordinatorClient(URL, null, Clusters.token());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (statusProxy != null) {
      statusProxy.close();
    }
    Clusters.stop(cluster, target);
  }

  /** Starts a two-agent run and waits until its first seconds are merged. */
  private static String startAndAwaitLoad(String plan) throws Exception {
    return Clusters.startAndAwaitLoad(api, plan, "crash", 4);
  }

  private static void assertExact(String id, JsonNode end) throws Exception {
    Clusters.assertExact(api, target, id, end, (long) RATE * SECONDS);
  }

  @Test
  @Order(1)
  void anAgentCutOffFromTheBrokerButReachableOverHttpIsNoLossUnderFail() throws Exception {
    target.reset();
    // onAgentLoss: fail (the default). Silent on the broker for 5 s, the agent still answers over
    // HTTP that it runs the run: it is waited for, and its held results complete the run.
    String id = startAndAwaitLoad(ratePlan(target.url(), RATE, SECONDS + "s"));
    proxy.cut();
    // The cut lasts 5 s: a duration of the outage, not a wait for a condition.
    Thread.sleep(5_000);
    proxy.restore();
    assertExact(id, awaitEnd(api, id, Duration.ofSeconds(120)));
  }

  @Test
  @Order(2)
  void anAgentCutOffEntirelyFor5sIsTakenBackUnderContinue() throws Exception {
    target.reset();
    // onAgentLoss: continue. Unreachable both ways, the agent is given up after 3 s of silence,
    // and taken back when its held results arrive.
    String id =
        startAndAwaitLoad(
            ratePlan(target.url(), RATE, SECONDS + "s") + "cluster: {onAgentLoss: continue}\n");
    proxy.cut();
    statusProxy.cut();
    Thread.sleep(5_000);
    statusProxy.restore();
    proxy.restore();
    assertExact(id, awaitEnd(api, id, Duration.ofSeconds(120)));
  }

  @Test
  @Order(3)
  void theCoordinatorKilledAndStartedAgainFinishesTheRun() throws Exception {
    target.reset();
    // onAgentLoss: fail (the default): the restart must not count as an agent loss.
    String id = startAndAwaitLoad(ratePlan(target.url(), RATE, SECONDS + "s"));
    Clusters.kill(coordinator);
    coordinator = cluster.restart(coordinator, coordinatorSpec);
    cluster.awaitHttp(URL + "/api/agents", Duration.ofSeconds(180), coordinator);
    assertExact(id, awaitEnd(api, id, Duration.ofSeconds(180)));
  }
}
