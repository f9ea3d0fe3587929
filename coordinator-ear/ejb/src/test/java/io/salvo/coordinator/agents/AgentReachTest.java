package io.salvo.coordinator.agents;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The second path to an agent, against a real HTTP server on 127.0.0.1. */
class AgentReachTest {
  private final AgentReach reach = new AgentReach();
  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private HttpServer server;
  private String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/agent/api/status",
        exchange -> {
          byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), b.length);
          exchange.getResponseBody().write(b);
          exchange.close();
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/agent/api/status";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void anAgentRunningTheRunHoldsIt() {
    body.set("{\"agentId\":\"a1\",\"state\":\"RUNNING\",\"runId\":\"r1\"}");
    assertTrue(reach.running(url, "r1"));
  }

  @Test
  void anIdleAgentOrOneOnAnotherRunDoesNot() {
    body.set("{\"agentId\":\"a1\",\"state\":\"RUNNING\",\"runId\":\"r2\"}");
    assertFalse(reach.running(url, "r1"));
    body.set("{\"agentId\":\"a1\",\"state\":\"IDLE\",\"runId\":null}");
    assertFalse(reach.running(url, "r1"));
  }

  @Test
  void anErrorOrAMalformedAnswerCountsAsNoAnswer() {
    body.set("{\"state\":\"RUNNING\",\"runId\":\"r1\"}");
    status.set(500);
    assertFalse(reach.running(url, "r1"));
    status.set(200);
    body.set("<html>not json");
    assertFalse(reach.running(url, "r1"));
    body.set("[]");
    assertFalse(reach.running(url, "r1"));
  }

  @Test
  void noUrlOrNobodyListeningCountsAsNoAnswer() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertFalse(reach.running(null, "r1"));
    assertFalse(reach.running("not a url", "r1"));
    assertFalse(reach.running("http://127.0.0.1:" + closed + "/agent/api/status", "r1"));
  }

  @Test
  void anAgentThatDoesNotAnswerInTimeCountsAsNoAnswer() throws IOException {
    // Accepts connections and never answers: the request times out after AgentReach.TIMEOUT.
    try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      assertFalse(
          reach.running("http://127.0.0.1:" + silent.getLocalPort() + "/agent/api/status", "r1"));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 5_000, "gave up after " + millis + " ms");
    }
  }
}
