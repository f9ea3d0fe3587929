package io.salvo.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.cluster.AgentLiveness;
import io.salvo.cluster.LiveRun;
import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.plan.AgentLossPolicy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run's life decided second by second, with a fake clock and a real {@link AgentLiveness}: losses
 * under both policies, a broker outage, a coordinator restart, the deadline, the ending and results
 * that come after the seal.
 */
class RunLifecycleTest {
  private static final long DEADLINE = 1_000_000 + 60_000;

  private long now = 1_000_000;
  private AgentLiveness liveness;
  private LiveRun run;
  private final Set<String> resumed = new java.util.HashSet<>();

  @BeforeEach
  void aRunOnTwoAgentsPastTheStartGrace() {
    liveness = new AgentLiveness(() -> now);
    run = new LiveRun("r", new LinkedHashSet<>(List.of("a", "b")));
    tick(AgentLiveness.RESTART_GRACE_MILLIS + 1_000, "a", "b");
  }

  /** Seconds pass with the coordinator's probes returning and the given nodes heard. */
  private void tick(long millis, String... heard) {
    for (long t = 0; t < millis; t += 1_000) {
      now += 1_000;
      liveness.probeArrived();
      for (String n : heard) {
        liveness.heard(n);
      }
    }
  }

  private RunLifecycle.Step check(AgentLossPolicy policy) {
    return RunLifecycle.check(
        run,
        policy,
        node -> RunLifecycle.COORDINATOR.equals(node) ? resumed.contains("r") : liveness.lost(node),
        liveness.judging(),
        now,
        DEADLINE);
  }

  private static FinalResult fin(String node, String error) {
    return new FinalResult(
        ClusterMessage.VERSION, "c", node, "r", List.of(), 0, 0, 0, 1, false, error, null, 0);
  }

  /** How the run of this test ends now, with no failure and no stop. */
  private RunLifecycle.Ending ending() {
    return RunLifecycle.ending(null, run.finals(), false, run.abandoned());
  }

  private void assertFinishesWhenBothFinalResultsAreIn() {
    run.add(fin("a", null));
    run.add(fin("b", null));
    RunLifecycle.Step step = check(AgentLossPolicy.FAIL);
    assertTrue(step.finish());
    assertNull(step.failure());
  }

  @Test
  void whileEveryNodeIsHeardTheRunCarriesOnAndEndsWithItsFinalResults() {
    tick(5_000, "a", "b");
    assertEquals(RunLifecycle.Step.CARRY_ON, check(AgentLossPolicy.FAIL));
    assertFinishesWhenBothFinalResultsAreIn();
    assertEquals(new RunLifecycle.Ending(RunLifecycle.State.COMPLETED, null), ending());
  }

  @Test
  void underFailALostAgentStopsTheRun() {
    tick(4_000, "b");
    RunLifecycle.Step step = check(AgentLossPolicy.FAIL);
    assertEquals(List.of("a"), step.lost());
    assertTrue(step.stopAgents());
    assertTrue(step.finish());
    assertEquals(
        "agent a was lost (silent for 3 s, no answer over HTTP); onAgentLoss is fail",
        step.failure());
    assertEquals(
        RunLifecycle.State.FAILED,
        RunLifecycle.ending(step.failure(), List.of(), false, Set.of()).state());
  }

  @Test
  void underContinueALostAgentIsGivenUpAndTheRunEndsDegraded() {
    tick(4_000, "b");
    RunLifecycle.Step step = check(AgentLossPolicy.CONTINUE);
    assertEquals(List.of("a"), step.lost());
    assertFalse(step.stopAgents());
    assertFalse(step.finish(), "b is still running");
    run.abandon("a");
    run.add(fin("b", null));
    step = check(AgentLossPolicy.CONTINUE);
    assertTrue(step.finish());
    RunLifecycle.Ending ending = ending();
    assertEquals(RunLifecycle.State.COMPLETED, ending.state());
    assertEquals(
        "degraded: agent a was lost (silent for 3 s, no answer over HTTP); the run went on without it"
            + " (onAgentLoss: continue)",
        ending.message());
  }

  @Test
  void anAgentThatComesBackBeforeTheEndIsTakenBack() {
    tick(4_000, "b");
    check(AgentLossPolicy.CONTINUE).lost().forEach(run::abandon);
    // Its held results arrive: it is heard, and waited for again.
    liveness.heard("a");
    assertTrue(run.readmit("a"));
    run.add(fin("b", null));
    assertFalse(check(AgentLossPolicy.CONTINUE).finish(), "a's final result is still to come");
    liveness.heard("a");
    run.add(fin("a", null));
    assertTrue(check(AgentLossPolicy.CONTINUE).finish());
    assertEquals(new RunLifecycle.Ending(RunLifecycle.State.COMPLETED, null), ending());
  }

  @Test
  void aBrokerOutageIsNoLossAndNoDeadline() {
    // The broker is away for 20 s, past the run's deadline: nobody can be heard, nothing is judged.
    now = DEADLINE + 10_000;
    assertFalse(liveness.listening());
    assertEquals(RunLifecycle.Step.CARRY_ON, check(AgentLossPolicy.FAIL));
    // Back: within the reconnect grace the deadline is not judged either; both agents are heard
    // and deliver the final results they held.
    tick(1_000);
    tick(1_000, "a", "b");
    assertEquals(RunLifecycle.Step.CARRY_ON, check(AgentLossPolicy.FAIL));
    assertFinishesWhenBothFinalResultsAreIn();
  }

  @Test
  void pastTheDeadlineWhileListeningAMissingFinalResultFailsTheRun() {
    run.add(fin("a", null));
    tick(DEADLINE - now + 1_000, "b");
    RunLifecycle.Step step = check(AgentLossPolicy.FAIL);
    assertTrue(step.finish());
    assertEquals("no final result from b in time", step.failure());
  }

  @Test
  void afterARestartAgentsHaveTheGraceAndTheCoordinatorsOwnShareIsLost() {
    run = new LiveRun("r", new LinkedHashSet<>(List.of("a", "b", RunLifecycle.COORDINATOR)));
    liveness = new AgentLiveness(() -> now);
    resumed.add("r");
    tick(1_000);
    RunLifecycle.Step step = check(AgentLossPolicy.CONTINUE);
    assertEquals(
        List.of(RunLifecycle.COORDINATOR), step.lost(), "agents are within the restart grace");
    run.abandon(RunLifecycle.COORDINATOR);
    tick(AgentLiveness.RESTART_GRACE_MILLIS - 2_000, "a");
    assertEquals(RunLifecycle.Step.CARRY_ON, check(AgentLossPolicy.CONTINUE));
    tick(3_000, "a");
    assertEquals(List.of("b"), check(AgentLossPolicy.CONTINUE).lost(), "never heard: lost");
    assertEquals(
        "degraded: the coordinator's own share was lost when the coordinator restarted; the run"
            + " went on without it (onAgentLoss: continue)",
        RunLifecycle.ending(null, List.of(), false, run.abandoned()).message());
  }

  @Test
  void aNodeThatCouldNotRunFailsTheRunAndAStoppedRunSaysSo() {
    assertEquals(
        new RunLifecycle.Ending(
            RunLifecycle.State.FAILED, "node a could not run: connection refused"),
        RunLifecycle.ending(
            null, List.of(fin("a", "connection refused"), fin("b", null)), false, Set.of()));
    assertEquals(
        new RunLifecycle.Ending(RunLifecycle.State.STOPPED, "stopped by a user"),
        RunLifecycle.ending(null, List.of(fin("a", null)), true, Set.of()));
  }

  @Test
  void resultsAfterTheSealAreNotAdmitted() {
    assertTrue(run.enter(), "a result before the end is admitted");
    run.exit();
    run.seal();
    assertFalse(run.enter(), "after the seal nothing is stored or merged");
    run.abandon("b");
    assertFalse(run.readmit("b"), "nor is a given-up node taken back");
    assertEquals(Set.of("b"), run.abandoned());
  }
}
