package io.salvo.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SplitTest {
  @Test
  void stripesPartitionEveryArrivalExactlyOnce() {
    for (int n = 1; n <= 7; n++) {
      for (long total : new long[] {0, 1, 5, 1000, 10_001}) {
        TreeSet<Long> seen = new TreeSet<>();
        long sum = 0;
        for (int i = 0; i < n; i++) {
          Stripe s = Stripe.of(i, n);
          long local = s.localCount(total);
          sum += local;
          for (long m = 0; m < local; m++) {
            long k = s.global(m);
            assertEquals(true, k < total);
            assertEquals(true, seen.add(k), "arrival " + k + " twice");
          }
        }
        assertEquals(total, sum);
        assertEquals(total, seen.size());
      }
    }
  }

  @Test
  void nestedStripesAreStillAPartition() {
    // 3 agents, each with 4 event loops: 12 parts of 10,000 arrivals.
    List<Long> all = new ArrayList<>();
    for (int agent = 0; agent < 3; agent++) {
      for (int loop = 0; loop < 4; loop++) {
        Stripe s = Stripe.of(agent, 3).sub(loop, 4);
        for (long m = 0; m < s.localCount(10_000); m++) {
          all.add(s.global(m));
        }
      }
    }
    assertEquals(10_000, all.size());
    assertEquals(10_000, new TreeSet<>(all).size());
  }

  @Test
  void sharesAddUpAndDifferByAtMostOne() {
    for (int n = 1; n <= 9; n++) {
      for (long total : new long[] {0, 1, 2, 10, 333, 1000}) {
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < n; i++) {
          long s = Shares.of(total, i, n);
          sum += s;
          min = Math.min(min, s);
          max = Math.max(max, s);
        }
        assertEquals(total, sum);
        assertEquals(true, max - min <= 1);
      }
    }
    assertEquals(
        List.of(3L, 3L, 4L),
        List.of(Shares.of(10, 0, 3), Shares.of(10, 1, 3), Shares.of(10, 2, 3)));
    assertThrows(IllegalArgumentException.class, () -> Shares.of(10, 3, 3));
    assertThrows(IllegalArgumentException.class, () -> Stripe.of(2, 2));
  }
}
