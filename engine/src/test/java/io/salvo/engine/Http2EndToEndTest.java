package io.salvo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import io.salvo.stats.LatencySummary;
import io.salvo.stats.RequestStats;
import io.salvo.target.TargetServer;
import io.salvo.target.tls.Certificates;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 against a real server (the demo target's Netty HTTP/2): over TLS by ALPN, in cleartext by
 * prior knowledge, the fallback to HTTP/1.1, and streams bounded by the server and by the plan.
 */
class Http2EndToEndTest {
  @TempDir static Path certs;
  private static Certificates.Bundle bundle;

  @BeforeAll
  static void certificates() throws Exception {
    bundle = Certificates.generate(certs);
  }

  private static Plan plan(String target, String load) throws Exception {
    return PlanParser.parse(
        "h2.yaml",
        "target: "
            + target
            + "\n"
            + "scenarios:\n"
            + "  - name: s\n"
            + "    steps: [{request: {path: /delay/20}}]\n"
            + "    load: ["
            + load
            + "]\n",
        PlanFormat.YAML,
        certs);
  }

  private static EngineResult run(Plan plan) throws Exception {
    return LoadEngine.start(plan, EngineOptions.defaults().withEventLoops(1), i -> {}).await();
  }

  @Test
  void autoNegotiatesHttp2OverTlsAndMultiplexesOnOneConnection() throws Exception {
    try (TargetServer target = TargetServer.builder().tls(bundle.server()).http2(true).start()) {
      EngineResult r =
          run(
              plan(
                  "{baseUrl: \"" + target.url() + "\", maxConnections: 1, tls: {ca: ca.pem}}",
                  "{iterations: {users: 50, iterations: 10}}"));
      RequestStats s = r.scenarios().get("s").total();
      assertEquals(500, s.requests());
      assertEquals(0, s.errors(), s.toString());
      assertEquals(500, target.requests(TargetServer.H2));
      assertEquals(0, target.requests(TargetServer.HTTP_1_1));
      assertEquals("h2", r.origins().get(0).protocol());
      // 50 users' requests in flight on one connection (plus the preflight's): many streams.
      assertEquals(2, target.connections(), "the preflight's connection and the run's one");
      assertTrue(target.maxConcurrentStreamsSeen() >= 40, "" + target.maxConcurrentStreamsSeen());
      assertEquals(1, s.tlsHandshakes());
    }
  }

  @Test
  void cleartextHttp2ByPriorKnowledge() throws Exception {
    try (TargetServer target = TargetServer.builder().http2(true).start()) {
      EngineResult r =
          run(
              plan(
                  "{baseUrl: \"" + target.url() + "\", http: 2, maxConnections: 2}",
                  "{constantRate: {rate: 200, duration: 2s}}"));
      assertEquals(400, r.scenarios().get("s").total().requests());
      assertEquals(0, r.scenarios().get("s").total().errors());
      assertEquals(400, target.requests(TargetServer.H2));
      assertEquals("h2c", r.origins().get(0).protocol());
    }
  }

  @Test
  void autoFallsBackToHttp11WhenTheServerDoesNotOfferHttp2() throws Exception {
    try (TargetServer target = TargetServer.builder().tls(bundle.server()).http2(false).start()) {
      EngineResult r =
          run(
              plan(
                  "{baseUrl: \"" + target.url() + "\", maxConnections: 5, tls: {ca: ca.pem}}",
                  "{iterations: {users: 5, iterations: 20}}"));
      assertEquals(0, r.scenarios().get("s").total().errors());
      assertEquals(100, target.requests(TargetServer.HTTP_1_1));
      assertEquals("http/1.1", r.origins().get(0).protocol());
      String m =
          assertThrows(
                  TargetUnreachableException.class,
                  () ->
                      LoadEngine.start(
                          plan(
                              "{baseUrl: \"" + target.url() + "\", http: 2, tls: {ca: ca.pem}}",
                              "{iterations: {users: 1, iterations: 1}}"),
                          EngineOptions.defaults().withEventLoops(1),
                          i -> {}))
              .getMessage();
      assertTrue(m.contains("the server did not agree to HTTP/2"), m);
    }
  }

  @Test
  void streamsAreBoundedByTheServersLimitAndTheWaitCountsInLatency() throws Exception {
    try (TargetServer target = TargetServer.builder().http2(true).maxConcurrentStreams(5).start()) {
      EngineResult r =
          run(
              plan(
                  "{baseUrl: \"" + target.url() + "\", http: 2, maxConnections: 1}",
                  "{iterations: {users: 20, iterations: 5}}"));
      RequestStats s = r.scenarios().get("s").total();
      assertEquals(100, s.requests());
      assertEquals(0, s.errors(), s.toString());
      assertTrue(target.maxConcurrentStreamsSeen() <= 5, "" + target.maxConcurrentStreamsSeen());
      // 20 users share 5 streams of 20 ms responses: a request waits about 3 others' turns for a
      // stream, and that wait is in its latency (from its intended start), not hidden.
      LatencySummary l = s.latency();
      assertTrue(l.p50() >= 60, "p50 " + l.p50());
    }
  }

  @Test
  void thePlanCanBoundStreamsBelowTheServers() throws Exception {
    try (TargetServer target = TargetServer.builder().http2(true).start()) {
      EngineResult r =
          run(
              plan(
                  "{baseUrl: \"" + target.url() + "\", http: 2, maxConnections: 1, maxStreams: 3}",
                  "{iterations: {users: 12, iterations: 5}}"));
      assertEquals(0, r.scenarios().get("s").total().errors());
      assertEquals(60, target.requests(TargetServer.H2));
      assertTrue(target.maxConcurrentStreamsSeen() <= 3, "" + target.maxConcurrentStreamsSeen());
    }
  }
}
