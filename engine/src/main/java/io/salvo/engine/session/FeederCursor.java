package io.salvo.engine.session;

import io.salvo.plan.Feeder;
import io.salvo.split.Stripe;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hands one event loop's sessions the rows of a feeder by its strategy. Each loop owns a stripe of
 * the rows (its share of a node's, and for {@code unique} the node's share of the run's), so no
 * lock is needed and no two loops or nodes hand out the same unique row. Not thread-safe.
 */
public final class FeederCursor {
  private final Feeder feeder;
  private final int[] slots;
  private final Stripe stripe;
  private final long count;
  private final SplittableRandom random;
  private long next;

  /**
   * @param nodeRows the rows this node may use: the run's rows for all strategies but {@code
   *     unique}, whose rows are split across nodes like arrivals
   * @param loop this event loop's index among {@code loops} on the node
   * @param slots the variable slot of each of the feeder's columns
   */
  public FeederCursor(
      Feeder feeder, Stripe nodeRows, int loop, int loops, int[] slots, SplittableRandom random) {
    this.feeder = feeder;
    this.slots = slots;
    this.random = random;
    Stripe mine = nodeRows.sub(loop, loops);
    int rows = feeder.rows().size();
    if (feeder.strategy() == Feeder.Strategy.CIRCULAR && mine.localCount(rows) == 0) {
      // Fewer rows than loops: this loop cycles through the node's rows.
      mine = nodeRows;
    }
    this.stripe = mine;
    this.count = mine.localCount(rows);
  }

  public Feeder feeder() {
    return feeder;
  }

  /** Whether {@link #fill} has a row to give. */
  public boolean hasRow() {
    return !feeder.strategy().finite() || next < count;
  }

  /**
   * Puts the next row's values into {@code vars}.
   *
   * @return false when the rows ran out (sequential, unique) and nothing was put
   */
  public boolean fill(String[] vars) {
    List<String> row;
    switch (feeder.strategy()) {
      case RANDOM -> row = feeder.rows().get(random.nextInt(feeder.rows().size()));
      case CIRCULAR -> {
        if (count == 0) {
          return false;
        }
        row = feeder.rows().get((int) stripe.global(next++ % count));
      }
      default -> {
        if (next >= count) {
          return false;
        }
        row = feeder.rows().get((int) stripe.global(next++));
      }
    }
    for (int i = 0; i < slots.length; i++) {
      vars[slots[i]] = row.get(i);
    }
    return true;
  }

  /** How a session-starting failure is explained in the report. */
  public String exhaustedReason() {
    return "feeder '"
        + feeder.name()
        + "' ("
        + feeder.strategy().label()
        + ") ran out of rows, so no more sessions were started";
  }
}
