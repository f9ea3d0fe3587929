package io.salvo.engine;

import io.salvo.plan.Scenario;
import io.salvo.split.Shares;
import io.salvo.split.Stripe;

/**
 * The part of a scenario one node runs: node {@code nodeIndex} of {@code nodeCount} owns the
 * arrivals of its stripe and its exact share of users; a replicated scenario runs whole.
 *
 * @param distribution how the report describes it: {@code single}, {@code split} or {@code
 *     replicated}
 */
public record ScenarioPart(Scenario scenario, int nodeIndex, int nodeCount, String distribution) {
  public ScenarioPart {
    if (nodeCount < 1 || nodeIndex < 0 || nodeIndex >= nodeCount) {
      throw new IllegalArgumentException("need 0 <= nodeIndex < nodeCount");
    }
  }

  /** The whole scenario, on a single node. */
  public static ScenarioPart whole(Scenario scenario) {
    return new ScenarioPart(scenario, 0, 1, "single");
  }

  public Stripe stripe() {
    return Stripe.of(nodeIndex, nodeCount);
  }

  /** This node's share of {@code total} users (or iteration copies). */
  public long users(long total) {
    return Shares.of(total, nodeIndex, nodeCount);
  }
}
