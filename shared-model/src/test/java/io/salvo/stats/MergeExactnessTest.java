package io.salvo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Merged percentiles equal those of one histogram holding every sample, even after the wire. */
class MergeExactnessTest {
  private static final double[] PERCENTILES = {0, 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100};

  @Test
  void mergedPercentilesEqualOneHistogramOfAllSamples() {
    Random random = new Random(42);
    RequestStats single = new RequestStats();
    List<RequestStats> agents = new ArrayList<>();
    for (int a = 0; a < 7; a++) {
      agents.add(new RequestStats());
    }
    for (int i = 0; i < 200_000; i++) {
      // Each agent sees a different distribution, so an average of percentiles would be wrong.
      int agent = i % agents.size();
      long nanos =
          switch (agent) {
            case 0 -> (long) (random.nextExponential() * 2_000_000);
            case 1 -> 500_000 + random.nextInt(1_000_000);
            case 2 -> random.nextInt(100) == 0 ? 1_800_000_000L : 1_000_000;
            default -> (long) Math.abs(random.nextGaussian() * 40_000_000 * (agent - 2));
          };
      int status = random.nextInt(50) == 0 ? 503 : 200;
      single.recordResponse(nanos, status, status == 200, 120);
      agents.get(agent).recordResponse(nanos, status, status == 200, 120);
    }
    single.recordFailure(ErrorKind.TIMEOUT);
    agents.get(3).recordFailure(ErrorKind.TIMEOUT);

    RequestStats merged = new RequestStats();
    for (RequestStats agent : agents) {
      merged.add(agent);
    }
    assertSame(single, merged);

    // The same after every agent's stats went through the message encoding.
    RequestStats overTheWire = new RequestStats();
    for (RequestStats agent : agents) {
      Histogram decoded = Histograms.decode(Histograms.encode(agent.latencyMicros()));
      overTheWire.add(
          RequestStats.of(
              decoded,
              agent.statusClasses(),
              agent.errorCounts(),
              agent.bytesSent(),
              agent.bytesReceived()));
    }
    assertSame(single, overTheWire);

    // And the average of the agents' p99s is not the p99: the mistake merging avoids.
    double averaged =
        agents.stream()
            .mapToDouble(a -> a.latencyMicros().getValueAtPercentile(99))
            .average()
            .orElseThrow();
    double exact = single.latencyMicros().getValueAtPercentile(99);
    org.junit.jupiter.api.Assertions.assertTrue(
        Math.abs(averaged - exact) / exact > 0.1, "averaged " + averaged + " vs exact " + exact);
  }

  private static void assertSame(RequestStats expected, RequestStats actual) {
    for (double p : PERCENTILES) {
      assertEquals(
          expected.latencyMicros().getValueAtPercentile(p),
          actual.latencyMicros().getValueAtPercentile(p),
          "p" + p);
    }
    assertEquals(expected.latencyMicros().getTotalCount(), actual.latencyMicros().getTotalCount());
    assertEquals(expected.latencyMicros().getMean(), actual.latencyMicros().getMean(), 1e-9);
    assertEquals(expected.latencyMicros().getMaxValue(), actual.latencyMicros().getMaxValue());
    assertEquals(expected.requests(), actual.requests());
    assertEquals(expected.status(2), actual.status(2));
    assertEquals(expected.status(5), actual.status(5));
    assertEquals(expected.errors(), actual.errors());
    assertEquals(expected.timeouts(), actual.timeouts());
    assertEquals(expected.bytesReceived(), actual.bytesReceived());
  }

  @Test
  void countsFollowTheirDefinitions() {
    RequestStats s = new RequestStats();
    s.recordResponse(1_000_000, 200, true, 10);
    s.recordResponse(1_000_000, 404, false, 10);
    s.recordFailure(ErrorKind.CONNECT);
    s.recordFailure(ErrorKind.TIMEOUT);
    assertEquals(4, s.requests());
    assertEquals(2, s.responses());
    assertEquals(3, s.errors());
    assertEquals(1, s.errors(ErrorKind.CHECK));
    assertEquals(1, s.timeouts());
    assertEquals(0.75, s.errorRate());
    assertEquals(2, s.latencyMicros().getTotalCount());
  }

  @Test
  void scenarioAndIntervalMergeAddEveryStep() {
    ScenarioStats a = new ScenarioStats("s", List.of("one", "two"));
    a.step("one").recordResponse(2_000_000, 200, true, 1);
    a.countSessions(1, 0, 3);
    a.measured(10_000_000_000L);
    ScenarioStats b = new ScenarioStats("s", List.of("one", "two"));
    b.step("two").recordResponse(4_000_000, 200, true, 1);
    b.countSessions(1, 2, 5);
    b.measured(11_000_000_000L);
    IntervalStats i = new IntervalStats(3);
    i.add(a);
    IntervalStats j = new IntervalStats(3);
    j.add(b);
    i.add(j);
    ScenarioStats merged = i.scenarios().get("s");
    assertEquals(2, merged.total().requests());
    assertEquals(2, merged.sessionsStarted());
    assertEquals(2, merged.sessionsUnsent());
    assertEquals(5, merged.maxBacklog());
    assertEquals(11_000_000_000L, merged.measuredNanos());
    assertEquals(2, i.total().requests());
    // the copies inside the interval are independent of what was added
    assertEquals(1, a.total().requests());
  }
}
