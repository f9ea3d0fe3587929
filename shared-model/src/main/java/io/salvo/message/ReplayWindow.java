package io.salvo.message;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sequence numbers each sender has used: a number is taken once. Per sender it keeps the
 * highest number seen and which of the {@link #SIZE} numbers below it were seen, so messages that
 * arrive somewhat out of order pass and a number older than that is refused. Thread-safe.
 */
public final class ReplayWindow {
  /** How far below a sender's highest number a message may still arrive. */
  public static final int SIZE = 8192;

  private final Map<String, Sender> senders = new ConcurrentHashMap<>();

  private static final class Sender {
    long highest = Long.MIN_VALUE;
    final BitSet seen = new BitSet(SIZE);

    synchronized boolean claim(long seq) {
      if (highest == Long.MIN_VALUE || seq > highest) {
        if (highest == Long.MIN_VALUE || seq - highest >= SIZE) {
          seen.clear();
        } else {
          for (long s = highest + 1; s < seq; s++) {
            seen.clear(slot(s));
          }
        }
        highest = seq;
        seen.set(slot(seq));
        return true;
      }
      if (highest - seq >= SIZE || seen.get(slot(seq))) {
        return false;
      }
      seen.set(slot(seq));
      return true;
    }

    synchronized void release(long seq) {
      if (highest != Long.MIN_VALUE && seq <= highest && highest - seq < SIZE) {
        seen.clear(slot(seq));
      }
    }

    private static int slot(long seq) {
      return (int) Math.floorMod(seq, (long) SIZE);
    }
  }

  /** Takes a sender's number: false when it was taken before or is too old to tell. */
  public boolean claim(String sender, long seq) {
    return senders.computeIfAbsent(sender, s -> new Sender()).claim(seq);
  }

  /**
   * Gives a number back, for a message whose handling failed and which the broker will deliver
   * again.
   */
  public void release(String sender, long seq) {
    Sender s = senders.get(sender);
    if (s != null) {
      s.release(seq);
    }
  }
}
