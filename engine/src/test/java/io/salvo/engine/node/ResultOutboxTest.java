package io.salvo.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A node's results wait out a broker outage in order, bounded, and the final result is kept. */
class ResultOutboxTest {
  private static IntervalResult interval(int second) {
    return new IntervalResult(ClusterMessage.VERSION, "c", "n", "r", second, List.of());
  }

  private static FinalResult last(long dropped) {
    return new FinalResult(
        ClusterMessage.VERSION, "c", "n", "r", List.of(), 0, 0, 0, 0, false, null, null, dropped);
  }

  /** A sink that refuses everything (a broker that is down) until it is told the broker is back. */
  private static final class Broker implements ResultSink {
    final AtomicBoolean up = new AtomicBoolean();
    final AtomicInteger refused = new AtomicInteger();
    final CountDownLatch triedWhileDown = new CountDownLatch(3);
    final List<ClusterMessage> received = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void send(ClusterMessage m) {
      if (!up.get()) {
        refused.incrementAndGet();
        triedWhileDown.countDown();
        throw new IllegalStateException("AMQ219010: connection is destroyed");
      }
      received.add(m);
    }
  }

  @Test
  void resultsWaitOutAnOutageAndArriveInOrder() throws Exception {
    Broker broker = new Broker();
    ResultOutbox outbox = new ResultOutbox("node n", broker, 10, null, ms -> Thread.sleep(1));
    List<ClusterMessage> sent = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      sent.add(interval(s));
      outbox.offer(sent.get(s));
    }
    FinalResult f = last(0);
    sent.add(f);
    outbox.offer(f);
    // The delivery thread keeps trying while the broker is down; nothing is given up.
    assertTrue(broker.triedWhileDown.await(10, TimeUnit.SECONDS));
    assertEquals(6, outbox.pending());
    assertTrue(!outbox.delivered().isDone());

    broker.up.set(true);
    assertSame(f, outbox.delivered().get(10, TimeUnit.SECONDS));
    assertEquals(sent, broker.received, "every result, once, in the order sent");
    assertEquals(0, outbox.pending());
    assertEquals(0, outbox.droppedIntervals());
  }

  @Test
  void aFullQueueDropsTheOldestSecondsButNeverTheFinalResult() throws Exception {
    Broker broker = new Broker();
    ResultOutbox outbox = new ResultOutbox("node n", broker, 3, null, ms -> Thread.sleep(1));
    for (int s = 0; s < 6; s++) {
      outbox.offer(interval(s));
    }
    assertTrue(broker.triedWhileDown.await(10, TimeUnit.SECONDS));
    // Three seconds fit; the three after them pushed out the oldest ones not in delivery.
    assertEquals(3, outbox.droppedIntervals());
    FinalResult f = last(outbox.droppedIntervals());
    outbox.offer(f);
    assertEquals(4, outbox.pending());

    broker.up.set(true);
    assertSame(f, outbox.delivered().get(10, TimeUnit.SECONDS));
    List<Integer> seconds = new ArrayList<>();
    for (ClusterMessage m : broker.received) {
      if (m instanceof IntervalResult r) {
        seconds.add(r.second());
      }
    }
    // Second 0 was being delivered when the queue filled, so it stays; 1 to 3 were dropped.
    assertEquals(List.of(0, 4, 5), seconds);
    assertSame(f, broker.received.get(broker.received.size() - 1));
  }

  @Test
  void nothingIsQueuedAfterTheFinalResult() throws Exception {
    Broker broker = new Broker();
    broker.up.set(true);
    ResultOutbox outbox = new ResultOutbox("node n", broker, 3, null, ms -> Thread.sleep(1));
    outbox.offer(last(0));
    outbox.delivered().get(10, TimeUnit.SECONDS);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> outbox.offer(interval(9)));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertEquals(1, broker.received.size());
    assertEquals(0, broker.refused.get());
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ResultOutbox("node n", m -> {}, 0, null, ms -> {}));
    assertEquals("capacity must be at least 1, was 0", e.getMessage());
  }
}
