package io.salvo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClockOffsetTest {
  @Test
  void theShortestRoundTripGivesTheOffset() {
    ClockOffset c = new ClockOffset();
    assertEquals(0, c.offsetMillis());
    // Coordinator clock = agent clock + 100 ms; one-way delays 5 ms and 5 ms.
    c.sample(1000, 1105, 1106, 1011);
    assertEquals(100, c.offsetMillis(), 0.001);
    // A slow, asymmetric exchange (40 ms out, 2 ms back) would skew it; the fast one wins.
    c.sample(2000, 2140, 2141, 2043);
    assertEquals(100, c.offsetMillis(), 0.001);
    assertEquals(2, c.samples());
  }
}
