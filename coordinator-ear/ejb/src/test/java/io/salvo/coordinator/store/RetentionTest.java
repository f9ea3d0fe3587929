package io.salvo.coordinator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private static Retention.Candidate run(String id, String plan, int hoursAgo, boolean finished) {
    return new Retention.Candidate(id, plan, NOW.minus(Duration.ofHours(hoursAgo)), finished);
  }

  private static final List<Retention.Candidate> RUNS =
      List.of(
          run("a1", "a", 50, true),
          run("a2", "a", 40, true),
          run("a3", "a", 30, true),
          run("a4", "a", 1, true),
          run("a5", "a", 0, false),
          run("b1", "b", 60, true),
          run("b2", "b", 2, true));

  @Test
  void keepsTheNewestRunsOfEachPlanBesidesBaselinesAndRunsInProgress() {
    // a2 is a's baseline: kept, and not counted among the runs kept; a5 is still running.
    assertEquals(
        List.of("a1"), Retention.select(RUNS, Set.of("a2"), new Retention.Policy(2, null), NOW));
    assertEquals(
        List.of("b1", "a1", "a3"),
        Retention.select(RUNS, Set.of("a2"), new Retention.Policy(1, null), NOW));
    assertEquals(
        List.of("b1", "a1", "a3", "b2", "a4"),
        Retention.select(RUNS, Set.of("a2"), new Retention.Policy(0, null), NOW));
  }

  @Test
  void removesRunsOlderThanTheMaximumAge() {
    assertEquals(
        List.of("b1", "a1", "a2"),
        Retention.select(RUNS, Set.of(), new Retention.Policy(null, Duration.ofHours(35)), NOW));
    // Either rule removes a run: a3 is only beyond the newest of plan a, the others also old.
    assertEquals(
        List.of("b1", "a1", "a2", "a3"),
        Retention.select(RUNS, Set.of(), new Retention.Policy(1, Duration.ofHours(35)), NOW));
    assertTrue(Retention.select(RUNS, Set.of(), Retention.Policy.NONE, NOW).isEmpty());
  }

  @Test
  void policiesAreReadWithTheirErrorsNamed() {
    assertEquals(new Retention.Policy(5, Duration.ofDays(30)), Retention.Policy.of("5", "30d"));
    assertTrue(Retention.Policy.of(null, " ").none());
    assertEquals(
        "keepPerPlan must be a whole number >= 0, was '-1'",
        assertThrows(IllegalArgumentException.class, () -> Retention.Policy.of("-1", null))
            .getMessage());
    assertEquals(Duration.ofHours(12), Retention.Policy.of(null, "12h").maxAge());
    assertEquals(
        "olderThan must be days (30d) or a duration (12h), was 'soon'",
        assertThrows(IllegalArgumentException.class, () -> Retention.Policy.of(null, "soon"))
            .getMessage());
  }
}
