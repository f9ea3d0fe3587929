package io.salvo.engine.schedule;

import io.salvo.plan.ConstantRate;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.RampRate;

/**
 * When each arrival of an open-model phase is due. Arrival k is due when the integral of the rate
 * since the phase started reaches k, so arrival 0 is due at the start, a constant rate R puts
 * arrival k at k/R, and the phase holds exactly as many arrivals as the integral over its duration
 * (rounded up when it is not whole). Instants are computed from the index, never accumulated.
 */
public final class ArrivalSchedule {
  /** Guards against a product like 1000 x 10 coming out as 10000.000000001. */
  private static final double EPSILON = 1e-9;

  private final double fromPerSecond;
  private final double toPerSecond;
  private final double seconds;
  private final long count;

  private ArrivalSchedule(double from, double to, long durationNanos) {
    this.fromPerSecond = from;
    this.toPerSecond = to;
    this.seconds = durationNanos / 1e9;
    this.count = (long) Math.ceil(arrivalsBy(seconds) - EPSILON);
  }

  public static ArrivalSchedule constant(double ratePerSecond, long durationNanos) {
    return new ArrivalSchedule(ratePerSecond, ratePerSecond, durationNanos);
  }

  public static ArrivalSchedule ramp(double from, double to, long durationNanos) {
    return new ArrivalSchedule(from, to, durationNanos);
  }

  /** The schedule of an open-model phase. */
  public static ArrivalSchedule of(LoadPhase phase) {
    if (phase instanceof ConstantRate c) {
      return constant(c.rate(), c.duration().toNanos());
    }
    if (phase instanceof RampRate r) {
      return ramp(r.from(), r.to(), r.duration().toNanos());
    }
    throw new IllegalArgumentException(phase.kind() + " is not an open-model phase");
  }

  /** Arrivals in the phase. */
  public long count() {
    return count;
  }

  /** The integral of the rate from the start to {@code t} seconds. */
  private double arrivalsBy(double t) {
    return fromPerSecond * t + (toPerSecond - fromPerSecond) * t * t / (2 * seconds);
  }

  /** When arrival {@code k} is due, in nanoseconds after the phase starts. */
  public long offsetNanos(long k) {
    if (k == 0) {
      return 0;
    }
    if (fromPerSecond == toPerSecond) {
      return Math.round(k * 1e9 / fromPerSecond);
    }
    // Solve from*t + a*t^2 = k with a = (to - from) / (2 * duration), in the form that stays
    // accurate when a is tiny or negative: t = 2k / (from + sqrt(from^2 + 4ak)).
    double a = (toPerSecond - fromPerSecond) / (2 * seconds);
    double disc = Math.max(0, fromPerSecond * fromPerSecond + 4 * a * k);
    return Math.round(2 * k / (fromPerSecond + Math.sqrt(disc)) * 1e9);
  }

  /** How many arrivals are due at or before {@code elapsedNanos} after the phase start. */
  public long dueBy(long elapsedNanos) {
    if (elapsedNanos < 0) {
      return 0;
    }
    double t = Math.min(seconds, elapsedNanos / 1e9);
    long due = (long) Math.floor(arrivalsBy(t) + EPSILON) + 1;
    return Math.min(count, due);
  }
}
