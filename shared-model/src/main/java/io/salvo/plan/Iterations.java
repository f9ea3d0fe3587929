package io.salvo.plan;

import java.time.Duration;

/**
 * Closed model: {@code users} copies of the scenario each run it {@code iterations} times (as
 * LoadStrike's IterationsForConstant), so the phase runs exactly {@code users x iterations}
 * sessions unless {@code maxDuration} passes first.
 */
public record Iterations(int users, long iterations, Duration maxDuration, boolean warmup)
    implements LoadPhase {
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(10);

  public Iterations {
    Rules.positive("users", users);
    Rules.positive("iterations", iterations);
    maxDuration = maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration;
    Rules.positive("maxDuration", maxDuration);
  }

  /** An iterations phase has no planned length: it lasts until its sessions are done. */
  @Override
  public Duration duration() {
    return null;
  }

  @Override
  public String kind() {
    return "iterations";
  }
}
