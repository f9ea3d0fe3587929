package io.salvo.split;

/**
 * The arrivals a node owns: global arrival k belongs to it when {@code k = offset + stride x m} for
 * some m, its m-th local arrival. Node i of n owns {@code Stripe(i, n)}, so the union of all nodes'
 * stripes is the single-node schedule, each arrival exactly once, at the same instant. Stripes
 * nest: loop l of L inside node i of n owns {@code Stripe(i + n x l, n x L)}.
 */
public record Stripe(long offset, long stride) {
  public static final Stripe WHOLE = new Stripe(0, 1);

  public Stripe {
    if (stride < 1 || offset < 0 || offset >= stride) {
      throw new IllegalArgumentException("need 0 <= offset < stride, was " + offset + "/" + stride);
    }
  }

  /** Node {@code index} of {@code count}. */
  public static Stripe of(int index, int count) {
    return new Stripe(index, count);
  }

  /** Part {@code index} of {@code count} of this stripe. */
  public Stripe sub(int index, int count) {
    return new Stripe(offset + stride * index, stride * count);
  }

  /** The global index of this stripe's m-th arrival. */
  public long global(long local) {
    return offset + stride * local;
  }

  /** How many of the global indices {@code 0 .. globalCount - 1} belong to this stripe. */
  public long localCount(long globalCount) {
    return globalCount > offset ? (globalCount - offset + stride - 1) / stride : 0;
  }
}
