package io.salvo.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened during one second of a run, per scenario. Intervals are aligned to run-relative
 * seconds, so interval k of every node merges into interval k of the run. Not thread-safe.
 */
public final class IntervalStats {
  private final int second;
  private final Map<String, ScenarioStats> scenarios = new LinkedHashMap<>();

  /**
   * @param second the interval's index: it covers [second, second + 1) seconds after the run's
   *     start
   */
  public IntervalStats(int second) {
    this.second = second;
  }

  public int second() {
    return second;
  }

  public Map<String, ScenarioStats> scenarios() {
    return Collections.unmodifiableMap(scenarios);
  }

  /** Adds a scenario's stats for this second (merging with what is already there). */
  public void add(ScenarioStats stats) {
    ScenarioStats mine = scenarios.get(stats.name());
    if (mine == null) {
      scenarios.put(stats.name(), stats.copy());
    } else {
      mine.add(stats);
    }
  }

  /** Adds another node's same second. */
  public void add(IntervalStats other) {
    if (other.second != second) {
      throw new IllegalArgumentException("second " + other.second + " is not " + second);
    }
    other.scenarios.values().forEach(this::add);
  }

  /** Every request of this second, over all scenarios. */
  public RequestStats total() {
    RequestStats t = new RequestStats();
    for (ScenarioStats s : scenarios.values()) {
      for (RequestStats r : s.steps().values()) {
        t.add(r);
      }
    }
    return t;
  }
}
