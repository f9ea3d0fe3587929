package io.salvo.engine.node;

import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node's results on their way to the coordinator: queued in order and delivered by one thread,
 * which retries a result until the sink takes it (the broker may be down for a while), so the
 * engine never waits for the broker and no result is given up while the node lives.
 *
 * <p>The queue is bounded: it holds at most {@code capacity} per-second results (one hour's worth
 * by default, one per second). When a longer outage fills it, the oldest per-second result is
 * dropped to make room and counted ({@link #droppedIntervals()}); the final result, which carries
 * the node's exact totals, is never dropped.
 */
public final class ResultOutbox {
  private static final Logger LOG = Logger.getLogger(ResultOutbox.class.getName());

  /** How many per-second results wait at most: an hour of an unreachable broker. */
  public static final int DEFAULT_CAPACITY = 3_600;

  /** The longest wait between two tries to deliver. */
  static final long MAX_BACKOFF_MILLIS = 1_000;

  /** How the delivery thread waits between tries; replaced in tests. */
  @FunctionalInterface
  public interface Pause {
    void sleep(long millis) throws InterruptedException;
  }

  private final String what;
  private final ResultSink sink;
  private final int capacity;
  private final Pause pause;
  private final ArrayDeque<ClusterMessage> queue = new ArrayDeque<>();
  private final CompletableFuture<FinalResult> delivered = new CompletableFuture<>();
  private int intervalsQueued;
  private long droppedIntervals;
  private boolean closed;

  /**
   * @param what names the node and run in log lines
   * @param threads makes the delivery thread (null: a daemon thread of its own)
   */
  public ResultOutbox(
      String what, ResultSink sink, int capacity, ThreadFactory threads, Pause pause) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.what = what;
    this.sink = sink;
    this.capacity = capacity;
    this.pause = pause;
    Thread t =
        threads == null
            ? new Thread(this::deliver, "salvo-results " + what)
            : threads.newThread(this::deliver);
    if (threads == null) {
      t.setDaemon(true);
    }
    t.start();
  }

  public ResultOutbox(String what, ResultSink sink, ThreadFactory threads) {
    this(what, sink, DEFAULT_CAPACITY, threads, Thread::sleep);
  }

  /** Queues a result; never blocks. Nothing is queued after the final result. */
  public synchronized void offer(ClusterMessage m) {
    if (closed) {
      throw new IllegalStateException("the results of " + what + " are closed");
    }
    if (m instanceof IntervalResult) {
      if (intervalsQueued == capacity) {
        dropOldestInterval();
      }
      intervalsQueued++;
    } else if (m instanceof FinalResult) {
      closed = true;
    }
    queue.addLast(m);
    notifyAll();
  }

  private void dropOldestInterval() {
    // The head may be in delivery right now; it is left alone (it may already have arrived).
    Iterator<ClusterMessage> it = queue.iterator();
    boolean head = true;
    while (it.hasNext()) {
      ClusterMessage m = it.next();
      if (!head && m instanceof IntervalResult) {
        it.remove();
        intervalsQueued--;
        droppedIntervals++;
        if (droppedIntervals == 1) {
          LOG.severe(
              "results of "
                  + what
                  + ": more than "
                  + capacity
                  + " per-second results wait for the broker; the oldest are dropped from now"
                  + " on (the final result and its totals are kept)");
        }
        return;
      }
      head = false;
    }
  }

  /** Per-second results dropped because the queue was full. */
  public synchronized long droppedIntervals() {
    return droppedIntervals;
  }

  /** Results waiting for delivery. */
  public synchronized int pending() {
    return queue.size();
  }

  /** Completes with the final result once the sink has taken it. */
  public CompletableFuture<FinalResult> delivered() {
    return delivered;
  }

  private synchronized ClusterMessage next() throws InterruptedException {
    while (queue.isEmpty()) {
      wait();
    }
    return queue.peekFirst();
  }

  private synchronized void remove(ClusterMessage m) {
    if (queue.peekFirst() == m) {
      queue.removeFirst();
      if (m instanceof IntervalResult) {
        intervalsQueued--;
      }
    }
  }

  private void deliver() {
    long failingSince = 0;
    int failures = 0;
    try {
      while (true) {
        ClusterMessage m = next();
        try {
          sink.send(m);
        } catch (Exception e) {
          if (failures++ == 0) {
            failingSince = System.currentTimeMillis();
            LOG.log(
                Level.WARNING,
                "results of " + what + " cannot be sent (" + e + "); holding them and retrying",
                e);
          }
          pause.sleep(Math.min(MAX_BACKOFF_MILLIS, 50L << Math.min(failures, 5)));
          continue;
        }
        remove(m);
        if (failures > 0) {
          LOG.info(
              "results of "
                  + what
                  + " flow again after "
                  + (System.currentTimeMillis() - failingSince)
                  + " ms; "
                  + pending()
                  + " still queued");
          failures = 0;
        }
        if (m instanceof FinalResult f) {
          delivered.complete(f);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delivered.completeExceptionally(
          new IllegalStateException("the results of " + what + " were abandoned: interrupted"));
    } catch (RuntimeException | Error e) {
      delivered.completeExceptionally(e);
      throw e;
    }
  }
}
