package io.salvo.coordinator.store;

import java.time.Instant;

/**
 * Which runs a history query returns; every field may be null (no condition).
 *
 * @param verdict PASSED or FAILED
 * @param from runs created at or after
 * @param to runs created before
 */
public record RunFilter(
    String plan, RunState state, String verdict, String clusterId, Instant from, Instant to) {
  public static final RunFilter ALL = new RunFilter(null, null, null, null, null, null);
}
