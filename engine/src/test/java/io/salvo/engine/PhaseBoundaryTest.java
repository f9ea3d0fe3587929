package io.salvo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import io.salvo.stats.RequestStats;
import io.salvo.target.TargetServer;
import org.junit.jupiter.api.Test;

/**
 * Closed phases in a row keep the number of users: a user still in a session when its phase ends
 * carries on into the next phase. Were the next phase to start its own users beside the stragglers,
 * twice the users would share the connections for one response time, and the first measured
 * requests would wait a whole response for a connection.
 */
class PhaseBoundaryTest {
  private static RequestStats run(TargetServer target, String load) throws Exception {
    return run(target, 100, load);
  }

  private static RequestStats run(TargetServer target, int delayMs, String load) throws Exception {
    Plan plan =
        PlanParser.parse(
            "p.yaml",
            "target: {baseUrl: \""
                + target.url()
                + "\", maxConnections: 10}\n"
                + "scenarios:\n"
                + "  - name: s\n"
                + "    steps: [{request: {path: /delay/"
                + delayMs
                + "}}]\n"
                + "    load: ["
                + load
                + "]\n");
    return LoadEngine.start(plan, EngineOptions.defaults().withEventLoops(1), i -> {})
        .await()
        .scenarios()
        .get("s")
        .total();
  }

  @Test
  void usersCarryOnFromTheWarmUpIntoTheMeasuredPhase() throws Exception {
    try (TargetServer target = TargetServer.start(0, 1)) {
      // 70 ms sessions do not end on the phase boundary: users are mid-session there.
      RequestStats s =
          run(
              target,
              70,
              "{constantUsers: {users: 10, duration: 1s, warmup: true}},"
                  + " {constantUsers: {users: 10, duration: 1s}}");
      // 10 users, 70 ms each: about 140 measured requests, none of which waited for a
      // connection (a wait would be tens of milliseconds more).
      assertTrue(s.requests() >= 125 && s.requests() <= 155, "requests " + s.requests());
      assertEquals(0, s.errors());
      assertTrue(s.latency().max() < 110, "max " + s.latency().max() + " ms");
    }
  }

  @Test
  void fewerOrMoreUsersInTheNextPhase() throws Exception {
    try (TargetServer target = TargetServer.start(0, 1)) {
      RequestStats fewer =
          run(
              target,
              "{constantUsers: {users: 10, duration: 1s, warmup: true}},"
                  + " {constantUsers: {users: 4, duration: 1s}}");
      assertTrue(fewer.requests() >= 36 && fewer.requests() <= 44, "requests " + fewer.requests());
      assertTrue(fewer.latency().max() < 150, "max " + fewer.latency().max() + " ms");
      RequestStats more =
          run(
              target,
              "{constantUsers: {users: 4, duration: 1s, warmup: true}},"
                  + " {iterations: {users: 10, iterations: 3}}");
      assertEquals(30, more.requests(), "4 users carried over, 6 new: 10 users x 3 iterations");
      assertTrue(more.latency().max() < 150, "max " + more.latency().max() + " ms");
    }
  }
}
