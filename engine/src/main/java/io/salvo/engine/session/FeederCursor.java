package io.salvo.engine.session;

import io.salvo.plan.Feeder;
import io.salvo.split.Stripe;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands a node's sessions the rows of a feeder by its strategy. All event loops of the node share
 * one cursor, so rows go out in order whichever loop starts the session, and a {@code unique} or
 * {@code sequential} row goes out once (one atomic increment per session, no lock). A {@code
 * unique} feeder's node only has its stripe of the rows: row k on node k mod n, as arrivals.
 */
public final class FeederCursor {
  private final Feeder feeder;
  private final Stripe rows;
  private final long count;
  private final AtomicLong next = new AtomicLong();

  /**
   * @param nodeRows the rows this node may use: all of them, except for {@code unique}, whose rows
   *     are split across nodes like arrivals
   */
  public FeederCursor(Feeder feeder, Stripe nodeRows) {
    this.feeder = feeder;
    this.rows = nodeRows;
    this.count = nodeRows.localCount(feeder.rows().size());
  }

  public Feeder feeder() {
    return feeder;
  }

  /**
   * Claims the row for one session.
   *
   * @param random the claiming loop's random source (for {@code random})
   * @return the row's index in the feeder, or -1 when the rows ran out (sequential, unique)
   */
  public int claim(SplittableRandom random) {
    switch (feeder.strategy()) {
      case RANDOM -> {
        return random.nextInt(feeder.rows().size());
      }
      case CIRCULAR -> {
        return (int) rows.global(next.getAndIncrement() % count);
      }
      default -> {
        if (next.get() >= count) {
          return -1;
        }
        long k = next.getAndIncrement();
        return k < count ? (int) rows.global(k) : -1;
      }
    }
  }

  /** Puts row {@code row}'s values into the variables' slots. */
  public void fill(int row, int[] slots, String[] vars) {
    List<String> values = feeder.rows().get(row);
    for (int i = 0; i < slots.length; i++) {
      vars[slots[i]] = values.get(i);
    }
  }

  /** How the report explains that the scenario stopped starting sessions. */
  public String exhaustedReason() {
    return "feeder '"
        + feeder.name()
        + "' ("
        + feeder.strategy().label()
        + ") ran out of rows, so no more sessions were started";
  }
}
