package io.salvo.plan;

import java.time.Duration;

/**
 * Open model: {@code rate} sessions per second for {@code duration}. Session k is due at {@code k /
 * rate} seconds after the phase starts, so the phase starts exactly {@code ceil(rate x duration)}
 * sessions.
 */
public record ConstantRate(double rate, Duration duration, boolean warmup) implements LoadPhase {
  public ConstantRate {
    Rules.rate("rate", rate, false);
    Rules.positive("duration", duration);
  }

  @Override
  public String kind() {
    return "constantRate";
  }
}
