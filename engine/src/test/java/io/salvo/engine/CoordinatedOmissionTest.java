package io.salvo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import io.salvo.stats.LatencySummary;
import io.salvo.stats.RequestStats;
import io.salvo.target.TargetServer;
import io.salvo.target.tls.Certificates;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A target that stalls for a second during a fixed-rate run must show in the percentiles as the
 * arithmetic says, and measuring from when a connection became free must be shown to hide it: over
 * plain HTTP/1.1, over HTTPS, and over HTTP/2 (10 requests on the wire at most in each case: 10
 * connections, or 5 connections of 2 streams).
 */
class CoordinatedOmissionTest {
  private static final double RATE = 1000;
  private static final double SECONDS = 5;
  private static final double STALL_MS = 1000;

  @TempDir static Path certs;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"http/1.1", "https", "h2"})
  void aStalledTargetShowsInTheReportedPercentiles(String transport) throws Exception {
    Certificates.Bundle bundle = Certificates.ensure(certs);
    TargetServer.Builder b = TargetServer.builder();
    String connections = "maxConnections: 10";
    if (!transport.equals("http/1.1")) {
      b.tls(bundle.server()).http2(transport.equals("h2"));
    }
    if (transport.equals("h2")) {
      connections = "maxConnections: 5, maxStreams: 2";
    }
    try (TargetServer target = b.start()) {
      Plan plan =
          PlanParser.parse(
              "stall.yaml",
              "target: {baseUrl: \""
                  + target.url()
                  + "\", "
                  + connections
                  + (transport.equals("http/1.1") ? "" : ", tls: {ca: ca.pem}")
                  + "}\n"
                  + """
                  scenarios:
                    - name: stall
                      steps: [{request: {path: /}}]
                      load: [{constantRate: {rate: 1000, duration: 5s}}]
                  """,
              PlanFormat.YAML,
              certs);
      EngineRun run =
          LoadEngine.start(
              plan, EngineOptions.defaults().withEventLoops(1).withServiceTime(true), i -> {});
      assertEquals(
          transport.equals("h2") ? "h2" : "http/1.1", run.origins().get(0).protocol(), transport);
      long stallAt = run.startNanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      TimeUnit.NANOSECONDS.sleep(stallAt - System.nanoTime());
      target.pause((long) STALL_MS);
      EngineResult result = run.await();

      RequestStats stats = result.scenarios().get("stall").total();
      assertEquals((long) (RATE * SECONDS), stats.requests());
      assertEquals((long) (RATE * SECONDS), target.requests());
      assertEquals(0, stats.errors(), stats.toString());

      // Every request due during the stall waits for its end: the one due t after the stall began
      // waits STALL - t. A fraction (STALL - x) / DURATION of all requests wait longer than x, so
      // p99 = STALL - 0.01 x DURATION = 950 ms and max = STALL = 1000 ms, plus the short drain.
      double expectedP99 = STALL_MS - 0.01 * SECONDS * 1000;
      LatencySummary latency = stats.latency();
      assertEquals(expectedP99, latency.p99(), 60, "p99 from the intended start");
      assertTrue(
          latency.max() >= STALL_MS - 20 && latency.max() < STALL_MS + 100, "max " + latency.max());
      // Outside the stall the target answers in a millisecond or two: the median stays far from
      // the stall (the bound leaves room for a busy 2-core machine, not for the stall's 1 s).
      assertTrue(latency.p50() < 50, "p50 " + latency.p50());

      // The naive measurement, from when each request got a connection (or stream) and was
      // written, sees only the 10 requests that were on the wire when the stall began: it reports a
      // healthy p99.
      Histogram service = result.serviceTimesMicros().get("stall").get(0);
      assertEquals(stats.requests(), service.getTotalCount());
      double naiveP99 = service.getValueAtPercentile(99) / 1000.0;
      double naiveMax = service.getMaxValue() / 1000.0;
      assertTrue(naiveP99 < 50, "naive p99 " + naiveP99 + " ms");
      assertTrue(
          Math.abs(naiveP99 - expectedP99) > 500,
          "the naive p99 (" + naiveP99 + " ms) misses the expected " + expectedP99 + " ms");
      assertTrue(
          naiveMax > STALL_MS - 100, "the stall itself is seen by the naive max: " + naiveMax);
      System.out.printf(
          "%s: stall of %.0f ms at %.0f req/s for %.0f s: p99 %.1f ms (expected %.1f), max %.1f"
              + " ms; naive p99 %.2f ms%n",
          transport, STALL_MS, RATE, SECONDS, latency.p99(), expectedP99, latency.max(), naiveP99);
    }
  }
}
