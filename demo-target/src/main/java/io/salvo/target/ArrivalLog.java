package io.salvo.target;

import java.util.Arrays;

/** Arrival instants of up to {@code capacity} requests, for tests that check the schedule. */
final class ArrivalLog {
  private final long[] instants;
  private int size;

  ArrivalLog(int capacity) {
    instants = new long[capacity];
  }

  synchronized void add(long nanos) {
    if (size < instants.length) {
      instants[size++] = nanos;
    }
  }

  synchronized long[] snapshot() {
    long[] copy = Arrays.copyOf(instants, size);
    Arrays.sort(copy);
    return copy;
  }

  synchronized void clear() {
    size = 0;
  }
}
