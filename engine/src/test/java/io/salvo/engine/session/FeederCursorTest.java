package io.salvo.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.Feeder;
import io.salvo.split.Stripe;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeederCursorTest {
  private static Feeder feeder(int rows, Feeder.Strategy strategy) {
    return new Feeder(
        "f",
        strategy,
        null,
        null,
        List.of("v"),
        IntStream.range(0, rows).mapToObj(i -> List.of("r" + i)).toList());
  }

  private static List<Integer> drain(FeederCursor c, int max) {
    List<Integer> out = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < max; i++) {
      int row = c.claim(r);
      if (row < 0) {
        break;
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void uniqueRowsArePartitionedAcrossNodesAsArrivalsAre() {
    Feeder f = feeder(10, Feeder.Strategy.UNIQUE);
    List<Integer> all = new ArrayList<>();
    for (int node = 0; node < 3; node++) {
      List<Integer> mine = drain(new FeederCursor(f, Stripe.of(node, 3)), 100);
      for (int row : mine) {
        assertEquals(node, row % 3, "row k goes to node k mod n");
      }
      all.addAll(mine);
    }
    all.sort(null);
    assertEquals(IntStream.range(0, 10).boxed().toList(), all, "every row once in the run");
  }

  @Test
  void sequentialGoesOnceCircularWrapsRandomStaysInside() {
    assertEquals(
        List.of(0, 1, 2),
        drain(new FeederCursor(feeder(3, Feeder.Strategy.SEQUENTIAL), Stripe.WHOLE), 10));
    assertEquals(
        List.of(0, 1, 2, 0, 1),
        drain(new FeederCursor(feeder(3, Feeder.Strategy.CIRCULAR), Stripe.WHOLE), 5));
    List<Integer> random =
        drain(new FeederCursor(feeder(3, Feeder.Strategy.RANDOM), Stripe.WHOLE), 200);
    assertEquals(200, random.size());
    assertTrue(random.stream().allMatch(r -> r >= 0 && r < 3));
    assertEquals(3, random.stream().distinct().count());
  }
}
