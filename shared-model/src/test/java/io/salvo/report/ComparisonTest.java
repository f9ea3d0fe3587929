package io.salvo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final Tolerances T = Tolerances.DEFAULTS;

  private static Plan plan() throws Exception {
    return PlanParser.parse(
        "t.yaml",
        """
        name: shop
        target: {baseUrl: "http://127.0.0.1:1"}
        scenarios:
          - name: browse
            steps: [{request: {path: /a}}]
            load: [{constantRate: {rate: 10, duration: 10s}}]
        """);
  }

  /** A run of {@code n} requests over 10 s whose i-th latency is {@code latency(i)} µs. */
  private static Report run(String id, int n, LongUnaryOperator latencyMicros, int errors)
      throws Exception {
    ReportBuilder b = new ReportBuilder(id, plan());
    // Two nodes with different distributions: the comparison must see their merged histogram.
    for (int node = 0; node < 2; node++) {
      ScenarioStats s = new ScenarioStats("browse", List.of("GET /a"));
      for (int i = node; i < n; i += 2) {
        s.step("GET /a").recordResponse(latencyMicros.applyAsLong(i) * 1000, 200, true, 10);
      }
      for (int i = node; i < errors; i += 2) {
        s.step("GET /a").recordFailure(ErrorKind.RESET);
      }
      s.measured(10_000_000_000L);
      b.add(s);
    }
    return b.build();
  }

  @Test
  void percentilesComeFromTheMergedHistogramsNotAveragesOfNodes() throws Exception {
    // Node 0 gets the even requests (1 ms), node 1 the odd ones (i ms): the merged p90 is not the
    // mean of the nodes' p90s.
    Report base = run("a", 1000, i -> i % 2 == 0 ? 1_000 : i * 1_000, 0);
    Report cand = run("b", 1000, i -> i % 2 == 0 ? 1_000 : i * 1_000, 0);
    Comparison c = Comparison.of(base, cand, T);
    RequestStats merged = new RequestStats();
    for (int i = 0; i < 1000; i++) {
      merged.recordResponse((i % 2 == 0 ? 1_000 : i * 1_000) * 1000L, 200, true, 10);
    }
    Comparison.Metric p90 = metric(c.parts().get(0), "p90");
    assertEquals(merged.latencyMicros().getValueAtPercentile(90) / 1000.0, p90.base(), 1e-9);
    assertEquals(p90.base(), p90.candidate(), 1e-9);
    assertEquals(Comparison.UNCHANGED, c.verdict());
    assertEquals(2, c.parts().size());
    assertNull(c.parts().get(0).scenario());
    assertEquals("browse", c.parts().get(1).scenario());
    assertTrue(c.parts().get(0).baseDistribution().size() > 10);
    double[] last =
        c.parts().get(0).baseDistribution().get(c.parts().get(0).baseDistribution().size() - 1);
    assertTrue(last[0] < 100 && last[0] > 99, "ends below 100%: " + last[0]);
  }

  @Test
  void aSlowerCandidateRegressesAndAFasterOneImproves() throws Exception {
    Report base = run("a", 1000, i -> 10_000 + i, 0);
    Report slow = run("b", 1000, i -> 15_000 + i, 0);
    Comparison c = Comparison.of(base, slow, T);
    assertEquals(Comparison.REGRESSED, c.verdict());
    assertTrue(c.regressed());
    Comparison.Metric p99 = metric(c.parts().get(0), "p99");
    assertEquals(Comparison.REGRESSED, p99.verdict());
    assertEquals(p99.candidate() - p99.base(), p99.delta(), 1e-9);
    assertEquals(p99.delta() / p99.base() * 100, p99.relativePercent(), 1e-9);
    assertEquals(Comparison.IMPROVED, Comparison.of(slow, base, T).verdict());
  }

  @Test
  void errorsAndThroughputCount() throws Exception {
    Report base = run("a", 1000, i -> 10_000, 0);
    Report errors = run("b", 1000, i -> 10_000, 20);
    Comparison c = Comparison.of(base, errors, T);
    Comparison.Metric rate = metric(c.parts().get(0), "errorRate");
    assertEquals(0, rate.base(), 1e-9);
    assertEquals(20 * 100.0 / 1020, rate.candidate(), 1e-9);
    assertEquals(Comparison.REGRESSED, rate.verdict());
    // Half the requests in the same window: throughput fell by 50%.
    Comparison fewer = Comparison.of(base, run("c", 500, i -> 10_000, 0), T);
    assertEquals(Comparison.REGRESSED, metric(fewer.parts().get(0), "throughput").verdict());
    assertEquals(-50, metric(fewer.parts().get(0), "throughput").relativePercent(), 1e-9);
  }

  @Test
  void verdictsAtTheToleranceEdges() {
    Tolerances t = T.with("p99=10%,throughput=5%,errorRate=0.5%,floor=1ms");
    assertEquals("unchanged", Comparison.judgeLatency("p99", 100, 110, t).verdict());
    assertEquals("regressed", Comparison.judgeLatency("p99", 100, 110.001, t).verdict());
    assertEquals("unchanged", Comparison.judgeLatency("p99", 100, 90, t).verdict());
    assertEquals("improved", Comparison.judgeLatency("p99", 100, 89.999, t).verdict());
    // Below the floor nothing counts, however large the relative change.
    assertEquals("unchanged", Comparison.judgeLatency("p99", 0.3, 1.299, t).verdict());
    assertEquals("regressed", Comparison.judgeLatency("p99", 0.3, 1.3, t).verdict());
    assertEquals("regressed", Comparison.judgeLatency("p99", 0, 1, t).verdict());
    assertEquals("unchanged", Comparison.judge("throughput", "req/s", 100, 95, t, false).verdict());
    assertEquals(
        "regressed", Comparison.judge("throughput", "req/s", 100, 94.999, t, false).verdict());
    assertEquals(
        "improved", Comparison.judge("throughput", "req/s", 100, 105.001, t, false).verdict());
    assertEquals("unchanged", Comparison.judge("errorRate", "%", 1, 1.5, t, true).verdict());
    assertEquals("regressed", Comparison.judge("errorRate", "%", 1, 1.501, t, true).verdict());
    assertEquals("not judged", Comparison.judgeLatency("max", 1, 100, t).verdict());
    assertEquals("not judged", Comparison.judgeLatency("p99", 1, 100, t.with("p99=off")).verdict());
  }

  @Test
  void tolerancesReadAndWriteTheirSpec() {
    Tolerances t = Tolerances.DEFAULTS.with(" P99 = 15% , rps=2%, max=50%, floor=0.5ms");
    assertEquals(15.0, t.limit("p99"));
    assertEquals(2.0, t.limit("throughput"));
    assertEquals(50.0, t.limit("max"));
    assertEquals(0.5, t.floorMs());
    assertEquals(t, Tolerances.DEFAULTS.with(t.spec()));
    assertEquals(
        "throughput=5%,errorRate=0.1%,p50=10%,p90=10%,p99=10%,p999=20%,max=off,floor=1ms",
        Tolerances.DEFAULTS.spec());
    assertEquals(
        "unknown tolerance metric 'p75'; known: throughput, errorRate, p50, p90, p99, p999, max,"
            + " floor",
        assertThrows(IllegalArgumentException.class, () -> T.with("p75=1%")).getMessage());
    assertEquals(
        "tolerance 'p99=10' needs a percentage, like p99=10%, or off",
        assertThrows(IllegalArgumentException.class, () -> T.with("p99=10")).getMessage());
    assertEquals(
        "tolerance 'p99=-1%' must be a number >= 0",
        assertThrows(IllegalArgumentException.class, () -> T.with("p99=-1%")).getMessage());
    assertEquals(
        "tolerance 'p99' is not metric=value (for example p99=10%)",
        assertThrows(IllegalArgumentException.class, () -> T.with("p99")).getMessage());
  }

  @Test
  void scenariosOnlyOneRunHasAreNoted() throws Exception {
    Report base = run("a", 100, i -> 1_000, 0);
    Report empty =
        new ReportBuilder(
                "b",
                PlanParser.parse(
                    "u.yaml",
                    """
        name: other
        target: {baseUrl: "http://127.0.0.1:1"}
        scenarios:
          - name: checkout
            steps: [{request: {path: /c}}]
            load: [{constantRate: {rate: 10, duration: 10s}}]
        """))
            .build();
    Comparison c = Comparison.of(base, empty, T);
    assertEquals(1, c.parts().size());
    assertTrue(
        c.notes().contains("scenario browse is only in the base run a"), c.notes().toString());
    assertTrue(c.notes().contains("scenario checkout is only in the candidate run b"));
    assertTrue(c.notes().contains("the runs come from different plans: shop and other"));
    assertEquals("not judged", metric(c.parts().get(0), "p99").verdict());
    assertEquals(Comparison.REGRESSED, c.verdict(), "throughput fell to nothing");
  }

  private static Comparison.Metric metric(Comparison.Part p, String name) {
    return p.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }
}
