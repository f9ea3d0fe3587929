package io.salvo.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.split.Stripe;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void constantRateIssuesExactlyRateTimesDurationAtKOverR() {
    ArrivalSchedule s = ArrivalSchedule.constant(1000, 10 * SECOND);
    assertEquals(10_000, s.count());
    for (long k = 0; k < s.count(); k++) {
      assertEquals(k * 1_000_000L, s.offsetNanos(k));
    }
    assertEquals(10_000 - 1, s.offsetNanos(9_999) / 1_000_000L);
    assertTrue(s.offsetNanos(s.count() - 1) < 10 * SECOND);
  }

  @Test
  void fractionalRatesRoundTheCountUpAndNeverDrift() {
    ArrivalSchedule s = ArrivalSchedule.constant(1000.0 / 3, 3 * SECOND);
    assertEquals(1000, s.count());
    assertEquals(Math.round(999 * 3e9 / 1000), s.offsetNanos(999));
    assertEquals(2, ArrivalSchedule.constant(0.5, 3 * SECOND).count()); // at 0 s and 2 s
    assertEquals(7, ArrivalSchedule.constant(7, SECOND).count());
  }

  @Test
  void aRampIssuesTheIntegralOfItsRate() {
    ArrivalSchedule up = ArrivalSchedule.ramp(0, 100, 10 * SECOND);
    assertEquals(500, up.count());
    ArrivalSchedule down = ArrivalSchedule.ramp(300, 100, 4 * SECOND);
    assertEquals(800, down.count());
    ArrivalSchedule flat = ArrivalSchedule.ramp(50, 50, 2 * SECOND);
    assertEquals(100, flat.count());
    for (ArrivalSchedule s : new ArrivalSchedule[] {up, down}) {
      long previous = -1;
      for (long k = 0; k < s.count(); k++) {
        long t = s.offsetNanos(k);
        assertTrue(t > previous, "instants increase");
        previous = t;
      }
    }
    // Arrival k is due when the integral reaches k: for 0 -> 100 over 10 s that is 5 t^2 = k.
    assertEquals(Math.sqrt(80 / 5.0), up.offsetNanos(80) / 1e9, 1e-6);
    assertTrue(up.offsetNanos(499) < 10 * SECOND);
    // Ramping down, early arrivals come fast: the first 300 arrive within the first ~1.1 s.
    assertTrue(down.offsetNanos(299) < 1.1 * SECOND);
  }

  @Test
  void dueByCountsArrivalsAtOrBeforeAnInstant() {
    ArrivalSchedule s = ArrivalSchedule.constant(100, 10 * SECOND);
    assertEquals(0, s.dueBy(-1));
    assertEquals(1, s.dueBy(0));
    assertEquals(1, s.dueBy(9_999_999));
    assertEquals(2, s.dueBy(10_000_000));
    assertEquals(1000, s.dueBy(100 * SECOND));
    ArrivalSchedule ramp = ArrivalSchedule.ramp(0, 100, 10 * SECOND);
    for (long k = 1; k < ramp.count(); k += 37) {
      assertEquals(k + 1, ramp.dueBy(ramp.offsetNanos(k) + 1), "k=" + k);
    }
  }

  @Test
  void stripedNodesTogetherRunTheSingleNodeSchedule() {
    ArrivalSchedule s = ArrivalSchedule.ramp(10, 400, 5 * SECOND);
    TreeSet<Long> union = new TreeSet<>();
    long total = 0;
    for (int node = 0; node < 3; node++) {
      Stripe stripe = Stripe.of(node, 3);
      for (long m = 0; m < stripe.localCount(s.count()); m++) {
        union.add(s.offsetNanos(stripe.global(m)));
        total++;
      }
    }
    assertEquals(s.count(), total);
    TreeSet<Long> single = new TreeSet<>();
    for (long k = 0; k < s.count(); k++) {
      single.add(s.offsetNanos(k));
    }
    assertEquals(single, union);
  }
}
