package io.salvo.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cleartext HTTP/1.1 target as the rest of Salvo's tests use it. */
@Timeout(30)
class TargetServerTest {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private TargetServer target;

  @AfterEach
  void stop() {
    if (target != null) {
      target.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(target.url() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesCannedAnswersAndCountsThem() throws Exception {
    target = TargetServer.start(0, 1);
    assertEquals("http://127.0.0.1:" + target.port(), target.url());
    assertEquals("ok", get("/").body());
    assertEquals(404, get("/status/404").statusCode());
    assertEquals(503, get("/status/503").statusCode());
    assertEquals(1000, get("/bytes/1000").body().length());
    HttpResponse<String> close = get("/close");
    assertEquals(200, close.statusCode());
    assertEquals("close", close.headers().firstValue("connection").orElse(""));
    long start = System.nanoTime();
    assertEquals(200, get("/delay/100").statusCode());
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
    assertEquals(6, target.requests());
    assertEquals(6, target.requests(TargetServer.HTTP_1_1));
    assertEquals(0, target.requests(TargetServer.H2));
    assertEquals(4, target.status(2));
    assertEquals(1, target.status(4));
    assertEquals(1, target.status(5));
    assertTrue(target.connections() >= 2, "/close forces a second connection");
    assertEquals(0, target.maxConcurrentStreamsSeen());
  }

  @Test
  void statsKeepTheirFormatAndGainTheNewCounts() throws Exception {
    target = TargetServer.start(0, 1);
    get("/");
    get("/status/404");
    String stats = get("/__salvo/stats").body();
    assertTrue(
        stats.startsWith(
            "{\"requests\":2,\"status\":{\"1xx\":0,\"2xx\":1,\"3xx\":0,\"4xx\":1,\"5xx\":0},"),
        stats);
    JsonNode json = new ObjectMapper().readTree(stats);
    assertEquals(1, json.get("connections").asLong());
    assertEquals(2, json.at("/protocols/http~11.1").asLong(-1), stats);
    assertEquals(0, json.at("/protocols/h2").asLong(-1));
    assertEquals(0, json.get("maxConcurrentStreamsSeen").asInt(-1));
    assertEquals(0, json.at("/api/unauthorized").asLong(-1));
    assertTrue(json.at("/api/loginsByUser").isObject());
    assertEquals(target.statsJson(), stats);

    assertEquals("{}", get("/__salvo/reset").body());
    assertEquals(0, target.requests());
    assertEquals(0, target.connections());
    assertEquals(0, target.status(4));
  }

  @Test
  void aPauseHoldsResponsesWithoutBlockingTheEventLoop() throws Exception {
    target = TargetServer.startRecording(0, 1, 10);
    assertEquals("{\"pausedMs\":500}", get("/__salvo/pause?ms=500").body());
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<String>> held =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create(target.url() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    // Admin paths answer during the pause, on the same single event loop.
    assertEquals(
        0, new ObjectMapper().readTree(get("/__salvo/stats").body()).get("requests").asInt());
    assertFalse(held.isDone());
    assertEquals(200, held.get(10, TimeUnit.SECONDS).statusCode());
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(400));
    assertEquals(1, target.arrivals().length);
  }

  @Test
  void anAddedDelaySlowsEveryResponseUntilUndone() throws Exception {
    target = TargetServer.startRecording(0, 1, 10);
    assertEquals("{\"delayMs\":1000}", get("/__salvo/delay?ms=1000").body());
    long start = System.nanoTime();
    assertEquals(200, get("/").statusCode());
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1000));
    // Added to a path's own delay.
    start = System.nanoTime();
    assertEquals(200, get("/delay/200").statusCode());
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1200));
    assertEquals("{\"delayMs\":0}", get("/__salvo/delay?ms=0").body());
    start = System.nanoTime();
    assertEquals(200, get("/").statusCode());
    // Well below the delay that was undone (a generous bound: this is not a timing test).
    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1000));
    assertEquals(3, target.requests());
  }

  @Test
  void theBuilderWithoutTlsOrHttp2IsTheOldTarget() throws Exception {
    target = TargetServer.builder().port(0).threads(2).recordArrivals(5).start();
    assertEquals("http://127.0.0.1:" + target.port(), target.url());
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(target.url() + "/status/201"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    // The JDK client's HTTP/2 upgrade offer is ignored: HTTP/2 is off.
    assertEquals(HttpClient.Version.HTTP_1_1, res.version());
    assertEquals(201, res.statusCode());
    assertEquals(1, target.arrivals().length);
  }
}
