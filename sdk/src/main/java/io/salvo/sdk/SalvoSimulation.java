package io.salvo.sdk;

import io.salvo.plan.ConstantRate;
import io.salvo.plan.ConstantUsers;
import io.salvo.plan.Iterations;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.PlanRuleException;
import io.salvo.plan.RampRate;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A phase of a scenario's load, the plan's open and closed models as values checked when they are
 * made: an invalid one (a negative rate, zero users) cannot exist. Latency in the open models
 * counts from each arrival's intended start.
 */
public final class SalvoSimulation {
  private final LoadPhase phase;

  private SalvoSimulation(LoadPhase phase) {
    this.phase = phase;
  }

  /** Open model: {@code rate} arrivals per second for {@code during}, whatever the target does. */
  public static SalvoSimulation injectPerSec(double rate, Duration during) {
    return of("injectPerSec", () -> new ConstantRate(rate, during, false));
  }

  /** Open model: the arrival rate goes linearly from {@code from} to {@code to} per second. */
  public static SalvoSimulation rampPerSec(double from, double to, Duration during) {
    return of("rampPerSec", () -> new RampRate(from, to, during, false));
  }

  /** Closed model: {@code users} virtual users, each starting again when its session ends. */
  public static SalvoSimulation keepConstant(int users, Duration during) {
    return of("keepConstant", () -> new ConstantUsers(users, during, false));
  }

  /**
   * Closed model: {@code users} virtual users run {@code iterations} sessions each (within ten
   * minutes; {@link #iterationsForConstant(int, long, Duration)} sets the bound). Split on a
   * cluster, the users are shared exactly between the agents.
   */
  public static SalvoSimulation iterationsForConstant(int users, long iterations) {
    return of("iterationsForConstant", () -> new Iterations(users, iterations, null, false));
  }

  public static SalvoSimulation iterationsForConstant(
      int users, long iterations, Duration maxDuration) {
    return of("iterationsForConstant", () -> new Iterations(users, iterations, maxDuration, false));
  }

  /**
   * The same phase as a warm-up: it runs the same code, and its figures are dropped. Warm-ups come
   * first; iterations cannot be one (they have no planned end).
   */
  public SalvoSimulation asWarmUp() {
    if (phase instanceof ConstantRate r) {
      return new SalvoSimulation(new ConstantRate(r.rate(), r.duration(), true));
    }
    if (phase instanceof RampRate r) {
      return new SalvoSimulation(new RampRate(r.from(), r.to(), r.duration(), true));
    }
    if (phase instanceof ConstantUsers u) {
      return new SalvoSimulation(new ConstantUsers(u.users(), u.duration(), true));
    }
    throw new IllegalArgumentException(
        "iterationsForConstant cannot be a warm-up: it has no planned end");
  }

  LoadPhase phase() {
    return phase;
  }

  private static SalvoSimulation of(String what, Supplier<LoadPhase> make) {
    try {
      return new SalvoSimulation(make.get());
    } catch (PlanRuleException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return phase.toString();
  }
}
