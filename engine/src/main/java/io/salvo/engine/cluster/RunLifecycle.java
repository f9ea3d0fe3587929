package io.salvo.engine.cluster;

import io.salvo.cluster.LiveRun;
import io.salvo.engine.EngineOptions;
import io.salvo.message.FinalResult;
import io.salvo.plan.AgentLossPolicy;
import io.salvo.plan.Plan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The decisions of a run in progress, in plain Java: what to do each second (give a node up, fail
 * the run on a loss, fail it at its deadline, finish it) and how it ends (its state and message). A
 * coordinator (the WildFly one's monitor and finisher, the SDK's) only gathers the inputs, acts and
 * stores; the clock and the judgement of loss come in as arguments, so every rule is unit-tested
 * without a container.
 */
public final class RunLifecycle {
  /** The node id of the coordinator's own scenarios; no agent may use it. */
  public static final String COORDINATOR = "coordinator";

  /** How a run ends. */
  public enum State {
    COMPLETED,
    FAILED,
    STOPPED
  }

  private RunLifecycle() {}

  /**
   * What to do about a run now.
   *
   * @param lost nodes found gone this time, to be recorded as lost (and, under {@code continue},
   *     given up)
   * @param stopAgents whether the other nodes must be told to stop
   * @param finish whether the run ends now
   * @param failure why it fails, when it ends failed; null otherwise
   */
  public record Step(List<String> lost, boolean stopAgents, boolean finish, String failure) {
    static final Step CARRY_ON = new Step(List.of(), false, false, null);
  }

  /**
   * @param gone whether a node is gone: an agent silent while the coordinator hears, or the
   *     coordinator's own share after a restart
   * @param judging whether silence can be judged now ({@link
   *     io.salvo.cluster.AgentLiveness#judging()}): no deadline is judged while the coordinator
   *     cannot hear or agents are reconnecting, since the results may be on their way
   * @param deadline when a node without a final result fails the run
   */
  public static Step check(
      LiveRun run,
      AgentLossPolicy policy,
      Predicate<String> gone,
      boolean judging,
      long nowMillis,
      long deadline) {
    List<String> lost = new ArrayList<>();
    for (String node : run.pending()) {
      if (!gone.test(node)) {
        continue;
      }
      lost.add(node);
      if (policy == AgentLossPolicy.FAIL) {
        return new Step(lost, true, true, lostNote(node) + "; onAgentLoss is fail");
      }
    }
    // Nodes given up this time no longer hold the run open.
    List<String> pending = new ArrayList<>(run.pending());
    pending.removeAll(lost);
    if (pending.isEmpty()) {
      return new Step(lost, false, true, null);
    }
    if (judging && nowMillis > deadline) {
      return new Step(
          lost, false, true, "no final result from " + String.join(", ", pending) + " in time");
    }
    return lost.isEmpty() ? Step.CARRY_ON : new Step(lost, false, false, null);
  }

  /** Beyond the planned end and the graceful stop, how long to wait for final results. */
  public static final long FINAL_RESULT_GRACE_MILLIS = 30_000;

  /** When a node still without its final result fails the run. */
  public static long deadline(long startAtMillis, Plan plan) {
    return startAtMillis
        + plannedMillis(plan)
        + EngineOptions.DEFAULT_GRACEFUL_STOP.toMillis()
        + FINAL_RESULT_GRACE_MILLIS;
  }

  /** The longest scenario's planned length (iterations: their maxDuration). */
  public static long plannedMillis(Plan plan) {
    long longest = 0;
    for (var s : plan.scenarios()) {
      long sum = 0;
      for (var phase : s.load()) {
        sum +=
            phase instanceof io.salvo.plan.Iterations it
                ? it.maxDuration().toMillis()
                : phase.duration().toMillis();
      }
      longest = Math.max(longest, sum);
    }
    return longest;
  }

  /** What the run's message says of a node that went silent. */
  public static String lostNote(String node) {
    return COORDINATOR.equals(node)
        ? "the coordinator's own share was lost when the coordinator restarted"
        : "agent " + node + " was lost (silent for 3 s, no answer over HTTP)";
  }

  /** A run's end: its state and the message stored with it (null when there is nothing to say). */
  public record Ending(State state, String message) {}

  /**
   * How a run ends.
   *
   * @param failure why the run fails (a loss under {@code fail}, a deadline), or null
   * @param finals the final results received
   * @param stopping whether a user asked it to stop
   * @param abandoned nodes given up under {@code continue}
   */
  public static Ending ending(
      String failure,
      Collection<FinalResult> finals,
      boolean stopping,
      Collection<String> abandoned) {
    if (failure != null) {
      return new Ending(State.FAILED, failure);
    }
    for (FinalResult f : finals) {
      if (f.error() != null) {
        return new Ending(State.FAILED, "node " + f.nodeId() + " could not run: " + f.error());
      }
    }
    if (stopping) {
      return new Ending(State.STOPPED, "stopped by a user");
    }
    if (abandoned.isEmpty()) {
      return new Ending(State.COMPLETED, null);
    }
    return new Ending(
        State.COMPLETED,
        "degraded: "
            + abandoned.stream()
                .map(n -> lostNote(n) + "; the run went on without it")
                .collect(Collectors.joining("; "))
            + " (onAgentLoss: continue)");
  }
}
