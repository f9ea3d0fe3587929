package io.salvo.engine;

import io.salvo.stats.IntervalStats;

/**
 * Receives a node's results each second of a run, on the engine's collector thread. Interval k
 * covers seconds [k, k + 1) after the agreed start; the last one may be shorter.
 */
@FunctionalInterface
public interface IntervalListener {
  void onInterval(IntervalStats interval);
}
