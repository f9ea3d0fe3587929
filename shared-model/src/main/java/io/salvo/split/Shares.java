package io.salvo.split;

/**
 * Whole things (users, copies) divided exactly: part i of n gets {@code floor((i+1)T/n) -
 * floor(iT/n)}, so the parts differ by at most one and add up to T.
 */
public final class Shares {
  private Shares() {}

  public static long of(long total, int index, int count) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("need 0 <= index < count, was " + index + "/" + count);
    }
    return Math.floorDiv(total * (index + 1), count) - Math.floorDiv(total * index, count);
  }

  /** Where part i's things start among the T: {@code floor(iT/n)}, the sum of the parts before. */
  public static long offset(long total, int index, int count) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("need 0 <= index < count, was " + index + "/" + count);
    }
    return Math.floorDiv(total * index, count);
  }
}
