package io.salvo.cluster;

/**
 * An agent's estimate of (coordinator clock - its own clock) from request/reply round trips, as NTP
 * does: of the recent samples, the one with the shortest round trip is the least distorted.
 * Thread-safe.
 */
public final class ClockOffset {
  private static final int WINDOW = 8;

  private final double[] offsets = new double[WINDOW];
  private final double[] roundTrips = new double[WINDOW];
  private int samples;

  /**
   * Adds one exchange.
   *
   * @param sent t1, agent clock
   * @param received t2, coordinator clock
   * @param replied t3, coordinator clock
   * @param back t4, agent clock
   */
  public synchronized void sample(long sent, long received, long replied, long back) {
    int i = samples++ % WINDOW;
    offsets[i] = ((received - sent) + (replied - back)) / 2.0;
    roundTrips[i] = Math.max(0, (back - sent) - (replied - received));
  }

  /** Milliseconds to add to this clock to read the coordinator's; 0 before any sample. */
  public synchronized double offsetMillis() {
    int n = Math.min(samples, WINDOW);
    if (n == 0) {
      return 0;
    }
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (roundTrips[i] < roundTrips[best]) {
        best = i;
      }
    }
    return offsets[best];
  }

  public synchronized int samples() {
    return samples;
  }
}
