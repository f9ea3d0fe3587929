package io.salvo.coordinator.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The coordinator's second path to an agent: the agent's status resource over HTTP, at the URL its
 * heartbeats give. An agent the coordinator no longer hears through the broker, but which answers
 * here that it is still running the run, is cut off from the broker, not gone: its results wait in
 * its outbox until its connection is back, so it is not counted as lost. An agent that does not
 * answer, answers something else, or gave no URL is judged by its silence alone. Thread-safe.
 */
public final class AgentReach {
  /** How long the coordinator waits for an agent's status, connecting and answering each. */
  public static final Duration TIMEOUT = Duration.ofMillis(1_000);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * Whether the agent answers at {@code statusUrl} that it is running {@code runId}; false when it
   * cannot be asked or does not answer in time.
   */
  public boolean running(String statusUrl, String runId) {
    if (statusUrl == null) {
      return false;
    }
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(statusUrl)).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && says(r.body(), runId);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Whether a status document says that the agent is running {@code runId}. An agent that finished
   * its share but still holds results for the coordinator is still running the run.
   */
  static boolean says(String statusJson, String runId) {
    try {
      JsonNode s = JSON.readTree(statusJson);
      return s != null
          && "RUNNING".equals(s.path("state").asText())
          && runId.equals(s.path("runId").asText(null));
    } catch (IOException e) {
      return false;
    }
  }
}
