package io.salvo.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.message.ClusterKeys;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.target.TargetServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.awaitility.core.ConditionTimeoutException;

/** What the integration tests share: where Salvo is, and waiting on runs and agents. */
final class Clusters {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private Clusters() {}

  static Path home() {
    return Path.of(System.getProperty("salvo.home", "..")).toAbsolutePath().normalize();
  }

  private static volatile String token;

  /**
   * A cluster under the tests' state directory; its admin API token becomes {@link #token()}, which
   * the helpers here send (each test class uses one cluster).
   */
  static LocalCluster cluster(String name) {
    Path state = Path.of(System.getProperty("salvo.it.state", "target/clusters")).resolve(name);
    LocalCluster cluster = new LocalCluster(home(), state);
    token = cluster.adminToken();
    return cluster;
  }

  /** The admin API token of the cluster the running test class made. */
  static String token() {
    return token;
  }

  /**
   * System properties of a coordinator that joins the standalone broker at 127.0.0.1:{@code
   * brokerPort}, as the servers' user.
   */
  static Map<String, String> broker(LocalCluster cluster, int brokerPort) {
    var credentials = cluster.brokerProperties();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("salvo.broker.host", "127.0.0.1");
    p.put("salvo.broker.port", Integer.toString(brokerPort));
    p.put("salvo.broker.user", credentials.getProperty("salvo.broker.user"));
    p.put("salvo.broker.password", credentials.getProperty("salvo.broker.password"));
    return p;
  }

  /**
   * System properties of an agent joining the broker at {@code brokerPort} as its cluster's broker
   * user (which a coordinator's embedded broker has when the coordinator was started with the
   * cluster's key, {@link #coordinator}, and a standalone broker when it was started with the
   * cluster's id).
   */
  static Map<String, String> agent(
      LocalCluster cluster, String id, String clusterId, String group, int brokerPort) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("salvo.agentId", id);
    p.put("salvo.clusterId", clusterId);
    if (group != null) {
      p.put("salvo.agentGroup", group);
    }
    p.put("salvo.broker.host", "127.0.0.1");
    p.put("salvo.broker.port", Integer.toString(brokerPort));
    p.putAll(cluster.brokerUser(clusterId));
    p.put(ClusterKeys.PROPERTY, cluster.signingKeys(clusterId).toString());
    p.put("salvo.threads", "1");
    return p;
  }

  /**
   * System properties of a coordinator whose messages are signed, with the keys of {@code
   * clusterIds} that its agents ({@link #agent}) get (so that, on its embedded broker, their broker
   * users are there when it starts); plus {@code more}.
   */
  static Map<String, String> coordinator(
      LocalCluster cluster, Map<String, String> more, String... clusterIds) {
    Map<String, String> p = new LinkedHashMap<>(more);
    p.put(ClusterKeys.PROPERTY, cluster.signingKeys(clusterIds).toString());
    return p;
  }

  /**
   * Starts a coordinator from the {@code coordinator} template at {@code offset}, signing with the
   * key of {@code clusterId} (whose agents' broker user it then has), and waits until its API
   * answers.
   */
  static LocalCluster.Node startCoordinator(LocalCluster cluster, int offset, String clusterId)
      throws IOException, InterruptedException {
    LocalCluster.Node coordinator =
        cluster.start(
            new LocalCluster.NodeSpec(
                "coordinator", "coordinator", offset, coordinator(cluster, Map.of(), clusterId)));
    cluster.awaitHttp(
        "http://127.0.0.1:" + (LocalCluster.HTTP_BASE + offset) + "/api/agents",
        Duration.ofSeconds(180),
        coordinator);
    return coordinator;
  }

  /**
   * Starts agents {@code clusterId-1} to {@code clusterId-count} of a cluster from a template, on
   * port offsets {@code offset + 10}, {@code offset + 20}, ...; returns them by id.
   */
  static Map<String, LocalCluster.Node> startAgents(
      LocalCluster cluster,
      String template,
      String clusterId,
      int count,
      int offset,
      int brokerPort)
      throws IOException, InterruptedException {
    Map<String, LocalCluster.Node> agents = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      String id = clusterId + "-" + i;
      agents.put(
          id,
          cluster.start(
              new LocalCluster.NodeSpec(
                  id, template, offset + 10 * i, agent(cluster, id, clusterId, null, brokerPort))));
    }
    return agents;
  }

  /**
   * Waits until the coordinator knows {@code count} agents and each agent's own API answers on its
   * HTTP port.
   */
  static void awaitAgentsReady(
      LocalCluster cluster, String coordinator, int count, Collection<Integer> agentPorts)
      throws InterruptedException {
    cluster.awaitAgents(coordinator, agents -> agents.size() == count, Duration.ofSeconds(180));
    for (int port : agentPorts) {
      cluster.awaitHttp(
          "http://127.0.0.1:" + port + "/agent/api/status", Duration.ofSeconds(60), null);
    }
  }

  /** Stops every server a test class started, and its target; either may be null. */
  static void stop(LocalCluster cluster, TargetServer target) throws IOException {
    if (cluster != null) {
      cluster.stopAll();
    }
    if (target != null) {
      target.close();
    }
  }

  /** Waits until a run is finished (or the time is up); returns its last state. */
  static JsonNode awaitEnd(CoordinatorClient api, String id, Duration timeout) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                last.set(api.run(id));
                return Set.of("COMPLETED", "STOPPED", "FAILED")
                    .contains(last.get().path("state").asText());
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("run " + id + " still running after " + timeout + ": " + last.get());
    }
    return last.get();
  }

  /**
   * Starts a run of the plan on two agents of the cluster and waits until its first {@code seconds}
   * seconds are merged from every node; returns its id.
   */
  static String startAndAwaitLoad(CoordinatorClient api, String plan, String clusterId, int seconds)
      throws IOException, InterruptedException {
    String id = api.startRun(plan, clusterId, null, 2, "60s").path("id").asText();
    awaitMerged(api, id, seconds);
    return id;
  }

  /** Waits until a run's merged view holds its first {@code seconds} seconds from every node. */
  static void awaitMerged(CoordinatorClient api, String id, int seconds) {
    await()
        .alias("run " + id + " merged through second " + seconds)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> api.stats(id).path("mergedThrough").asInt(-1) >= seconds);
  }

  /**
   * Waits until {@code count} stops changing for {@code quiet}: the load on a target has stopped.
   *
   * @return the settled count
   */
  static long awaitSettled(LongSupplier count, Duration quiet, Duration timeout) {
    AtomicLong seen = new AtomicLong(count.getAsLong());
    AtomicLong since = new AtomicLong(System.nanoTime());
    await()
        .alias("no change for " + quiet)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              long now = count.getAsLong();
              if (now != seen.getAndSet(now)) {
                since.set(System.nanoTime());
              }
              return System.nanoTime() - since.get() >= quiet.toNanos();
            });
    return seen.get();
  }

  /** Kills a node's JVM (SIGKILL, no goodbye), as a crash or a pulled cable would. */
  static void kill(LocalCluster.Node node) throws Exception {
    ProcessHandle p = node.process().orElseThrow();
    p.destroyForcibly();
    p.onExit().get(30, TimeUnit.SECONDS);
  }

  /**
   * Asserts that a run of two agents ended COMPLETED, not degraded, with exactly {@code planned}
   * requests: in the merged report, half on each agent, and as counted by the target.
   */
  static void assertExact(
      CoordinatorClient api, TargetServer target, String id, JsonNode end, long planned)
      throws Exception {
    assertEquals("COMPLETED", end.path("state").asText(), end.toString());
    assertFalse(end.path("degraded").asBoolean(), end.toString());
    assertEquals(0, end.path("lostNodes").size(), end.toString());
    Report r = ReportJson.read(api.reportJson(id));
    System.out.printf(
        "run %s: planned %d, target answered %d, merged %d (%s)%n",
        id,
        planned,
        target.requests(),
        r.total().requests(),
        r.agents().stream().map(a -> a.id() + " " + a.figures().requests()).toList());
    assertEquals(planned, target.requests(), "the target answered every planned request");
    assertEquals(planned, r.total().requests(), "the merged count is the target's count");
    assertEquals(2, r.agents().size(), r.agents().toString());
    for (Report.AgentReport a : r.agents()) {
      assertEquals(Report.AgentReport.FINISHED, a.state(), a.toString());
      assertEquals(planned / 2, a.figures().requests(), a.toString());
    }
  }

  static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A POST's status and parsed body. */
  record Reply(int status, JsonNode body) {}

  static Reply post(String url, String contentType, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  /** A plan of one request scenario at a constant rate against the target. */
  static String ratePlan(String target, int rate, String duration) {
    return "target: {baseUrl: \""
        + target
        + "\"}\n"
        + "scenarios:\n"
        + "  - name: load\n"
        + "    steps: [{request: {path: /}}]\n"
        + "    load: [{constantRate: {rate: "
        + rate
        + ", duration: "
        + duration
        + "}}]\n";
  }
}
