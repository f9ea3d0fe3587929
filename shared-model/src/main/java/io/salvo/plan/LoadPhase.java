package io.salvo.plan;

import java.time.Duration;

/**
 * One phase of a scenario's load profile. Phases run in sequence. Open-model phases ({@link
 * ConstantRate}, {@link RampRate}) start sessions on a schedule whatever the target does; closed
 * model phases ({@link ConstantUsers}, {@link Iterations}) keep a number of users looping.
 */
public sealed interface LoadPhase permits ConstantRate, RampRate, ConstantUsers, Iterations {

  /** The phase's planned length, or {@code null} when it lasts until its work is done. */
  Duration duration();

  /** A warm-up phase runs like any other but is excluded from the statistics. */
  boolean warmup();

  /** The plan's name for this kind of phase, as written in YAML. */
  String kind();

  /** Whether the phase is driven by an arrival rate (open model). */
  default boolean open() {
    return this instanceof ConstantRate || this instanceof RampRate;
  }
}
