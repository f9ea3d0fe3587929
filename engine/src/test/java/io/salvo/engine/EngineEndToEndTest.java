package io.salvo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import io.salvo.target.TargetServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against a real HTTP server on 127.0.0.1. */
class EngineEndToEndTest {
  private TargetServer target;

  @BeforeEach
  void startTarget() throws Exception {
    target = TargetServer.startRecording(0, 1, 100_000);
  }

  @AfterEach
  void stopTarget() {
    target.close();
  }

  private Plan plan(String scenarios) throws Exception {
    return PlanParser.parse(
        "test.yaml",
        "target: {baseUrl: \"" + target.url() + "\", maxConnections: 20}\n" + scenarios);
  }

  private static EngineOptions oneLoop() {
    return EngineOptions.defaults().withEventLoops(1);
  }

  private static final class Collected implements IntervalListener {
    final List<IntervalStats> intervals = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onInterval(IntervalStats interval) {
      intervals.add(interval);
    }
  }

  @Test
  void aConstantRateIssuesExactlyRateTimesDurationAndTheTargetCountsTheSame() throws Exception {
    Plan plan =
        plan(
            """
            scenarios:
              - name: steady
                steps: [{request: {path: /}}]
                load: [{constantRate: {rate: 200, duration: 3s}}]
            """);
    Collected c = new Collected();
    EngineRun run = LoadEngine.start(plan, oneLoop(), c);
    EngineResult r = run.await();
    RequestStats s = r.scenarios().get("steady").total();
    assertEquals(600, s.requests());
    assertEquals(600, s.status(2), s::toString);
    assertEquals(0, s.errors());
    assertEquals(600, target.requests());
    assertEquals(600, target.status(2));
    assertEquals(600, r.scenarios().get("steady").sessionsStarted());
    assertEquals(3.0, r.scenarios().get("steady").measuredNanos() / 1e9, 0.01);
    assertEquals(200.0, r.scenarios().get("steady").throughput(), 1.0);
    // the per-second intervals add up to the totals
    long sum = c.intervals.stream().mapToLong(i -> i.total().requests()).sum();
    assertEquals(600, sum);
    assertTrue(
        c.intervals.size() >= 3 && c.intervals.size() <= 5, "intervals: " + c.intervals.size());

    // Requests reached the target at their intended instants, k / 200 s after the start (the
    // target shares this JVM's clock); the first few also open connections on a cold JIT.
    long[] at = target.arrivals();
    assertEquals(600, at.length);
    long[] late = new long[at.length];
    for (int k = 0; k < at.length; k++) {
      late[k] = at[k] - (run.startNanoTime() + k * 5_000_000L);
      assertTrue(late[k] > 0, "arrival " + k + " came before it was due");
    }
    Arrays.sort(late);
    assertTrue(late[at.length / 2] < 2_000_000, "median lateness " + late[at.length / 2] + " ns");
    assertTrue(
        late[at.length * 95 / 100] < 20_000_000, "p95 lateness " + late[at.length * 95 / 100]);
  }

  @Test
  void statusClassesMatchWhatTheTargetSaw() throws Exception {
    Plan plan =
        plan(
            """
            scenarios:
              - name: mixed
                steps:
                  - request: {path: /status/200}
                  - request: {path: /status/302, expect: {status: 3xx}}
                  - request: {path: /status/404, expect: {status: 404}}
                  - request: {path: /status/503, expect: {status: 2xx}}
                load: [{constantRate: {rate: 100, duration: 2s}}]
            """);
    EngineResult r = LoadEngine.start(plan, oneLoop(), i -> {}).await();
    ScenarioStats s = r.scenarios().get("mixed");
    RequestStats total = s.total();
    assertEquals(800, total.requests());
    for (int cls = 1; cls <= 5; cls++) {
      assertEquals(target.status(cls), total.status(cls), cls + "xx");
    }
    assertEquals(200, total.status(2));
    assertEquals(200, total.status(3));
    assertEquals(200, total.status(4));
    assertEquals(200, total.status(5));
    // only the 503 step fails its check; a failed check does not end the session
    assertEquals(200, total.errors(ErrorKind.CHECK));
    assertEquals(200, s.step("GET /status/503").errors());
    assertEquals(0, s.step("GET /status/404").errors());
  }

  @Test
  void aRampIssuesItsIntegralAcrossTwoLoops() throws Exception {
    Plan plan =
        plan(
            """
            scenarios:
              - name: ramp
                steps: [{request: {path: /}}]
                load: [{rampRate: {from: 0, to: 100, duration: 4s}}]
            """);
    EngineResult r =
        LoadEngine.start(plan, EngineOptions.defaults().withEventLoops(2), i -> {}).await();
    assertEquals(200, r.scenarios().get("ramp").total().requests());
    assertEquals(200, target.requests());
  }

  @Test
  void iterationsRunUsersTimesIterationsSessions() throws Exception {
    Plan plan =
        plan(
            """
            scenarios:
              - name: it
                steps: [{request: {path: /a}}, {think: 5ms}, {request: {path: /b}}]
                load: [{iterations: {users: 3, iterations: 7}}]
            """);
    EngineResult r = LoadEngine.start(plan, oneLoop(), i -> {}).await();
    ScenarioStats s = r.scenarios().get("it");
    assertEquals(21, s.sessionsStarted());
    assertEquals(21, s.step("GET /a").requests());
    assertEquals(21, s.step("GET /b").requests());
    assertEquals(42, target.requests());
  }

  @Test
  void constantUsersLoopWithThinkTimeUntilTheEnd() throws Exception {
    Plan plan =
        plan(
            """
            scenarios:
              - name: users
                steps: [{request: {path: /delay/10}}, {think: 10ms}]
                load: [{constantUsers: {users: 4, duration: 2s}}]
            """);
    EngineResult r = LoadEngine.start(plan, oneLoop(), i -> {}).await();
    long n = r.scenarios().get("users").total().requests();
    // 4 users x 2 s / (10 ms + 10 ms) = 400, less scheduling overhead
    assertTrue(n > 250 && n <= 404, "requests " + n);
    assertEquals(target.requests(), n);
    assertTrue(r.scenarios().get("users").total().latency().p50() >= 10.0);
  }

  @Test
  void warmUpIsRunButNotRecorded() throws Exception {
    Plan plan =
        plan(
            """
            scenarios:
              - name: w
                steps: [{request: {path: /}}]
                load:
                  - constantRate: {rate: 100, duration: 1s, warmup: true}
                  - constantRate: {rate: 50, duration: 2s}
            """);
    EngineResult r = LoadEngine.start(plan, oneLoop(), i -> {}).await();
    assertEquals(100, r.scenarios().get("w").total().requests());
    assertEquals(200, target.requests());
    assertEquals(2.0, r.scenarios().get("w").measuredNanos() / 1e9, 0.01);
  }

  @Test
  void connectionsClosedByTheServerAreReopened() throws Exception {
    Plan plan =
        plan(
            """
            scenarios:
              - name: close
                steps: [{request: {path: /close}}]
                load: [{constantRate: {rate: 100, duration: 2s}}]
            """);
    EngineResult r = LoadEngine.start(plan, oneLoop(), i -> {}).await();
    assertEquals(200, r.scenarios().get("close").total().status(2));
    assertEquals(0, r.scenarios().get("close").total().errors());
  }

  @Test
  void slowResponsesTimeOut() throws Exception {
    Plan plan =
        PlanParser.parse(
            "t.yaml",
            "target: {baseUrl: \""
                + target.url()
                + "\", requestTimeout: 300ms}\n"
                + """
                scenarios:
                  - name: slow
                    steps: [{request: {path: /delay/2000}}]
                    load: [{constantRate: {rate: 20, duration: 1s}}]
                """);
    EngineResult r = LoadEngine.start(plan, oneLoop(), i -> {}).await();
    RequestStats s = r.scenarios().get("slow").total();
    assertEquals(20, s.requests());
    assertEquals(20, s.timeouts());
    assertEquals(0, s.responses());
  }

  @Test
  void theBacklogBeyondMaxInFlightIsMeasuredAndNeverDropped() throws Exception {
    // 5 sessions at a time of 100 ms each serve 50/s; 200/s are due for 1 s.
    Plan plan =
        plan(
            """
            scenarios:
              - name: capped
                maxInFlight: 5
                steps: [{request: {path: /delay/100}}]
                load: [{constantRate: {rate: 200, duration: 1s}}]
            """);
    EngineResult r =
        LoadEngine.start(plan, oneLoop().withGracefulStop(Duration.ofMillis(1500)), i -> {})
            .await();
    ScenarioStats s = r.scenarios().get("capped");
    long sent = s.total().requests();
    assertTrue(s.maxBacklog() > 50, "backlog " + s.maxBacklog());
    assertTrue(s.sessionsUnsent() > 0, "unsent " + s.sessionsUnsent());
    // every due arrival is accounted for: sent (some cut off as timeouts at the deadline) or unsent
    assertEquals(200, sent + s.sessionsUnsent());
    // the waiting shows in latency: late arrivals waited about a second and more
    assertTrue(s.total().latency().max() > 900, "max " + s.total().latency().max());
  }

  @Test
  void anUnreachableTargetFailsBeforeAnythingStarts() throws Exception {
    Plan plan =
        PlanParser.parse(
            "t.yaml",
            """
            target: {baseUrl: "http://127.0.0.1:9"}
            scenarios:
              - name: nowhere
                steps: [{request: {path: /}}]
                load: [{constantRate: {rate: 10, duration: 1s}}]
            """);
    TargetUnreachableException e =
        assertThrows(
            TargetUnreachableException.class, () -> LoadEngine.start(plan, oneLoop(), i -> {}));
    assertTrue(
        e.getMessage().startsWith("cannot connect to http://127.0.0.1:9 (scenario nowhere): "),
        e.getMessage());
  }

  @Test
  void aTargetThatGoesAwayCountsConnectErrors() throws Exception {
    Plan plan =
        plan(
            """
            scenarios:
              - name: gone
                steps: [{request: {path: /}}]
                load: [{constantRate: {rate: 50, duration: 2s}}]
            """);
    EngineRun run = LoadEngine.start(plan, oneLoop(), i -> {});
    Thread.sleep(1000);
    target.close();
    EngineResult r = run.await();
    RequestStats s = r.scenarios().get("gone").total();
    assertEquals(100, s.requests());
    assertTrue(s.errors(ErrorKind.CONNECT) + s.errors(ErrorKind.RESET) >= 40, s.toString());
  }

  @Test
  void stopEndsTheRunEarly() throws Exception {
    Plan plan =
        plan(
            """
            scenarios:
              - name: long
                steps: [{request: {path: /}}]
                load: [{constantRate: {rate: 50, duration: 60s}}]
            """);
    EngineRun run = LoadEngine.start(plan, oneLoop(), i -> {});
    Thread.sleep(1200);
    long before = System.nanoTime();
    run.stop();
    EngineResult r = run.await();
    assertTrue(System.nanoTime() - before < 3_000_000_000L);
    assertTrue(r.stopped());
    long n = r.scenarios().get("long").total().requests();
    assertTrue(n >= 50 && n <= 70, "requests " + n);
  }
}
