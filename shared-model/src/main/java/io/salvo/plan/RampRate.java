package io.salvo.plan;

import java.time.Duration;

/**
 * Open model: the arrival rate changes linearly from {@code from} to {@code to} sessions per second
 * over {@code duration}; the phase starts as many sessions as the integral of the rate, {@code
 * (from + to) / 2 x duration}.
 */
public record RampRate(double from, double to, Duration duration, boolean warmup)
    implements LoadPhase {
  public RampRate {
    Rules.rate("from", from, true);
    Rules.rate("to", to, true);
    if (from == 0 && to == 0) {
      throw new PlanRuleException("to", "must be > 0 when from is 0, was 0");
    }
    Rules.positive("duration", duration);
  }

  @Override
  public String kind() {
    return "rampRate";
  }
}
