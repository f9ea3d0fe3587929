package io.salvo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.stats.ScenarioStats;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveRunTest {
  private static ScenarioSnapshot snapshot(String scenario, int requests) {
    ScenarioStats s = new ScenarioStats(scenario, List.of("GET /"));
    for (int i = 0; i < requests; i++) {
      s.step("GET /").recordResponse((i + 1) * 1_000_000L, 200, true, 1);
    }
    return ScenarioSnapshot.of(s);
  }

  private static IntervalResult interval(String node, int second, int requests) {
    return new IntervalResult(
        ClusterMessage.VERSION, "c", node, "r", second, List.of(snapshot("s", requests)));
  }

  private static FinalResult fin(String node) {
    return new FinalResult(
        ClusterMessage.VERSION, "c", node, "r", List.of(), 0, 0, 0, 0, false, null, null, 0);
  }

  @Test
  void eachKeyIsMergedOnceHoweverOftenItArrives() {
    LiveRun run = new LiveRun("r", Set.of("a", "b"));
    assertTrue(run.add(interval("a", 0, 10)));
    assertFalse(run.add(interval("a", 0, 10)), "a redelivery is not merged again");
    assertTrue(run.add(interval("b", 0, 7)));
    assertTrue(run.add(interval("a", 1, 3)));
    assertEquals(20, run.totalsSoFar().get("s").total().requests());
    assertEquals(17, run.second(0).total().requests());
    assertEquals(2, run.timeline().size());
  }

  @Test
  void theMergedViewIsCompleteThroughTheSecondEveryNodeReported() {
    LiveRun run = new LiveRun("r", Set.of("a", "b"));
    assertEquals(-1, run.mergedThrough());
    run.add(interval("a", 0, 1));
    run.add(interval("a", 1, 1));
    assertEquals(-1, run.mergedThrough(), "b has not reported second 0");
    run.add(interval("b", 0, 1));
    assertEquals(0, run.mergedThrough());
    run.add(fin("b"));
    assertEquals(1, run.mergedThrough(), "a finished node no longer holds the view back");
    assertEquals(List.of("a"), run.pending());
    assertFalse(run.complete());
    run.add(fin("a"));
    assertTrue(run.complete());
  }

  @Test
  void anAbandonedNodeKeepsWhatItSentAndNoLongerBlocksCompletion() {
    LiveRun run = new LiveRun("r", Set.of("a", "b"));
    run.add(interval("b", 0, 5));
    run.add(fin("a"));
    run.abandon("b");
    assertTrue(run.complete());
    assertEquals(5, run.totalsSoFar().get("s").total().requests());
  }

  @Test
  void resultsFromOutsideTheRunAreRefused() {
    LiveRun run = new LiveRun("r", Set.of("a"));
    assertThrows(IllegalArgumentException.class, () -> run.add(interval("stranger", 0, 1)));
    assertThrows(IllegalArgumentException.class, () -> run.add(interval("a", -1, 1)));
    assertThrows(IllegalArgumentException.class, () -> run.add(fin("stranger")));
  }

  @Test
  void sealingWaitsForTheResultsAdmittedAndAdmitsNoMore() throws Exception {
    LiveRun run = new LiveRun("r", Set.of("a"));
    assertTrue(run.enter(), "an open run admits a result");
    CountDownLatch sealing = new CountDownLatch(1);
    CompletableFuture<Void> sealed =
        CompletableFuture.runAsync(
            () -> {
              sealing.countDown();
              run.seal();
            });
    sealing.await();
    Thread.sleep(100);
    assertFalse(sealed.isDone(), "sealing waits while a result is being stored");
    run.add(interval("a", 0, 3));
    run.exit();
    sealed.get(5, TimeUnit.SECONDS);
    assertTrue(run.sealed());
    assertFalse(run.enter(), "a sealed run admits nothing");
    assertEquals(3, run.totalsSoFar().get("s").total().requests());
  }
}
