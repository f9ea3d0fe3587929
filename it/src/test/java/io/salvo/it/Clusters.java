package io.salvo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
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

/** What the integration tests share: where Salvo is, and waiting on runs and agents. */
final class Clusters {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private Clusters() {}

  static Path home() {
    return Path.of(System.getProperty("salvo.home", "..")).toAbsolutePath().normalize();
  }

  static LocalCluster cluster(String name) {
    Path state = Path.of(System.getProperty("salvo.it.state", "target/clusters")).resolve(name);
    return new LocalCluster(home(), state);
  }

  /** System properties of an agent joining the broker at {@code brokerPort}. */
  static Map<String, String> agent(
      LocalCluster cluster, String id, String clusterId, String group, int brokerPort) {
    var credentials = cluster.brokerProperties();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("salvo.agentId", id);
    p.put("salvo.clusterId", clusterId);
    if (group != null) {
      p.put("salvo.agentGroup", group);
    }
    p.put("salvo.broker.host", "127.0.0.1");
    p.put("salvo.broker.port", Integer.toString(brokerPort));
    p.put("salvo.broker.user", credentials.getProperty("salvo.broker.user"));
    p.put("salvo.broker.password", credentials.getProperty("salvo.broker.password"));
    p.put("salvo.threads", "1");
    return p;
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

  /** Polls a run until it is finished (or the time is up); returns its last state. */
  static JsonNode awaitEnd(CoordinatorClient api, String id, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode run = api.run(id);
    while (!Set.of("COMPLETED", "STOPPED", "FAILED").contains(run.path("state").asText())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "run " + id + " still " + run.path("state").asText() + " after " + timeout);
      }
      Thread.sleep(250);
      run = api.run(id);
    }
    return run;
  }

  static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
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
