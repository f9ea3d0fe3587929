package io.salvo.engine;

import io.salvo.plan.Scenario;
import io.salvo.split.Shares;
import io.salvo.split.Stripe;

/**
 * The part of a scenario one node runs: node {@code nodeIndex} of {@code nodeCount} owns the
 * arrivals of its stripe and its exact share of users; a replicated scenario runs whole. Either way
 * the node takes only its stripe of the rows of a {@code unique} feeder, so no row is used twice in
 * the run.
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

  public boolean replicated() {
    return "replicated".equals(distribution);
  }

  /** The arrivals this node owns: its stripe, or all of them when replicated. */
  public Stripe stripe() {
    return replicated() ? Stripe.WHOLE : Stripe.of(nodeIndex, nodeCount);
  }

  /** The rows of a unique feeder this node owns: row k when k mod nodeCount = nodeIndex. */
  public Stripe rowStripe() {
    return Stripe.of(nodeIndex, nodeCount);
  }

  /** This node's share of {@code total} users (or iteration copies); all when replicated. */
  public long users(long total) {
    return replicated() ? total : Shares.of(total, nodeIndex, nodeCount);
  }

  /** The index of this node's first user among {@code total}. */
  public long firstUser(long total) {
    return replicated() ? 0 : Shares.offset(total, nodeIndex, nodeCount);
  }
}
