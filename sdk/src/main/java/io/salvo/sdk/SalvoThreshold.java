package io.salvo.sdk;

import io.salvo.plan.PlanRuleException;
import io.salvo.plan.Threshold;

/**
 * A pass/fail condition judged on the merged result of the whole run (every node), like the plan's
 * {@code thresholds}: {@code SalvoThreshold.of("p99 < 250ms")}, {@code of("errorRate < 1%")},
 * {@code of("throughput >= 900/s")}, for all scenarios or {@link #forScenario one}. A malformed one
 * is refused when it is made, naming the accepted forms.
 */
public final class SalvoThreshold {
  private final Threshold threshold;

  private SalvoThreshold(Threshold threshold) {
    this.threshold = threshold;
  }

  /** On all scenarios merged. */
  public static SalvoThreshold of(String expression) {
    return parse(null, expression);
  }

  /** On one scenario. */
  public static SalvoThreshold forScenario(String scenario, String expression) {
    return parse(scenario, expression);
  }

  private static SalvoThreshold parse(String scenario, String expression) {
    try {
      return new SalvoThreshold(Threshold.parse(scenario, expression));
    } catch (PlanRuleException e) {
      throw new IllegalArgumentException("threshold: " + e.getMessage(), e);
    }
  }

  Threshold threshold() {
    return threshold;
  }

  @Override
  public String toString() {
    return threshold.toString();
  }
}
