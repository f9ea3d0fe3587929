package io.salvo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loss is judged only while the coordinator hears through the broker, after its grace periods. */
class AgentLivenessTest {
  private long now = 1_000_000;
  private AgentLiveness liveness;

  /** Probes every second from now until {@code until}, hearing {@code nodes} too. */
  private void run(long until, String... nodes) {
    while (now < until) {
      now += 1_000;
      liveness.probeArrived();
      for (String n : nodes) {
        liveness.heard(n);
      }
    }
  }

  @BeforeEach
  void startedAndPastTheRestartGrace() {
    liveness = new AgentLiveness(() -> now);
    assertFalse(liveness.listening(), "no probe yet");
    assertFalse(liveness.lost("a"), "nobody is judged before the first probe");
    run(now + AgentLiveness.RESTART_GRACE_MILLIS + 1_000, "a", "b");
  }

  @Test
  void anAgentSilentForThreeSecondsIsLost() {
    run(now + 3_000, "b");
    assertFalse(liveness.lost("a"), "3 s of silence is not yet lost");
    run(now + 1_000, "b");
    assertTrue(liveness.lost("a"));
    assertFalse(liveness.lost("b"));
  }

  @Test
  void aBrokerOutageIsNoAgentLoss() {
    // Ten seconds without probes and without any agent: nobody is lost while nobody can be heard.
    now += 10_000;
    assertFalse(liveness.listening());
    assertFalse(liveness.lost("a"));
    assertFalse(liveness.lost("b"));
    // The probes come back; the agents have the reconnect grace to be heard again.
    now += 1_000;
    assertEquals(11_000, liveness.probeArrived(), "the outage's length");
    assertEquals(0, liveness.probeArrived());
    assertTrue(liveness.listening());
    assertFalse(liveness.judging(), "nothing is judged during the reconnect grace");
    run(now + 2_000);
    assertFalse(liveness.lost("a"), "within the reconnect grace");
    liveness.heard("b");
    run(now + 2_000, "b");
    assertTrue(liveness.lost("a"), "silent over 3 s after the broker came back: lost");
    assertTrue(liveness.judging());
    assertFalse(liveness.lost("b"), "heard again after the outage");
  }

  @Test
  void aRealLossDuringAnOutageIsFoundThreeSecondsAfterIt() {
    now += 20_000;
    run(now + 1_000, "b");
    long back = now;
    while (!liveness.lost("a")) {
      run(now + 1_000, "b");
    }
    assertEquals(AgentLiveness.RECONNECT_GRACE_MILLIS + 1_000, now - back);
  }

  @Test
  void afterARestartAgentsItNeverKnewHaveTheRestartGrace() {
    AgentLiveness restarted = new AgentLiveness(() -> now);
    liveness = restarted;
    run(now + 1_000);
    assertFalse(liveness.lost("a"));
    run(now + AgentLiveness.RESTART_GRACE_MILLIS - 2_000);
    assertFalse(liveness.lost("a"), "still within the restart grace");
    // An agent it did not know before the restart counts once it is heard.
    liveness.heard("b");
    run(now + 3_000, "b");
    assertTrue(liveness.lost("a"), "never heard by the end of the grace: lost");
    assertFalse(liveness.lost("b"));
  }
}
