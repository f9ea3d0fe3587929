package io.salvo.cluster;

import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The coordinator's merged view of a run in progress. Each {@code (node, scenario, second)} is
 * merged once, however often it arrives (JMS may redeliver), and histograms are added, never
 * averaged. Thread-safe.
 */
public final class LiveRun {
  private final String runId;
  private final Set<String> nodes;
  private final Map<String, BitSet> seen = new HashMap<>();
  private final TreeMap<Integer, IntervalStats> seconds = new TreeMap<>();
  private final Map<String, ScenarioStats> totals = new LinkedHashMap<>();
  private final Map<String, Integer> newestSecond = new HashMap<>();
  private final Map<String, TreeMap<Integer, Long>> nodeRequests = new HashMap<>();
  private final Map<String, FinalResult> finals = new LinkedHashMap<>();
  private final Set<String> abandoned = new java.util.TreeSet<>();
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private volatile boolean sealed;

  /**
   * @param nodes every node that will report: the participating agents, and the coordinator itself
   *     when it runs scenarios
   */
  public LiveRun(String runId, Set<String> nodes) {
    this.runId = runId;
    this.nodes = Set.copyOf(nodes);
  }

  public String runId() {
    return runId;
  }

  /**
   * Admits one result into the run, to be stored and merged, unless the run is sealed. Every {@code
   * true} must be paired with {@link #exit()} once the result is stored and merged (or failed).
   */
  public boolean enter() {
    gate.readLock().lock();
    if (sealed) {
      gate.readLock().unlock();
      return false;
    }
    return true;
  }

  public void exit() {
    gate.readLock().unlock();
  }

  /**
   * Admits no more results, once every result admitted before has been handled: from then on what
   * is stored and what is merged no longer change, and a report of an unfinished run stays
   * consistent. Must not be called by a thread between {@link #enter()} and {@link #exit()}.
   */
  public void seal() {
    gate.writeLock().lock();
    try {
      sealed = true;
    } finally {
      gate.writeLock().unlock();
    }
  }

  public boolean sealed() {
    return sealed;
  }

  public Set<String> nodes() {
    return nodes;
  }

  /**
   * Merges the scenarios of this interval not merged before.
   *
   * @return whether anything was new
   * @throws IllegalArgumentException for a node that is not part of the run, or bad histograms
   */
  public boolean add(IntervalResult r) {
    if (!nodes.contains(r.nodeId())) {
      throw new IllegalArgumentException(
          "node " + r.nodeId() + " is not part of run " + runId + " (nodes: " + nodes + ")");
    }
    if (r.second() < 0) {
      throw new IllegalArgumentException("second must be >= 0, was " + r.second());
    }
    // Decode outside the lock: it is the expensive part.
    List<ScenarioStats> decoded = new ArrayList<>();
    for (ScenarioSnapshot s : r.scenarios()) {
      decoded.add(s.toStats());
    }
    synchronized (this) {
      boolean any = false;
      for (ScenarioStats s : decoded) {
        BitSet bits = seen.computeIfAbsent(r.nodeId() + "\u0000" + s.name(), k -> new BitSet());
        if (bits.get(r.second())) {
          continue;
        }
        bits.set(r.second());
        seconds.computeIfAbsent(r.second(), IntervalStats::new).add(s);
        totals
            .computeIfAbsent(s.name(), n -> new ScenarioStats(n, List.copyOf(s.steps().keySet())))
            .add(s);
        long requests = 0;
        for (RequestStats step : s.steps().values()) {
          requests += step.requests();
        }
        nodeRequests
            .computeIfAbsent(r.nodeId(), n -> new TreeMap<>())
            .merge(r.second(), requests, Long::sum);
        any = true;
      }
      newestSecond.merge(r.nodeId(), r.second(), Math::max);
      return any;
    }
  }

  /** Whether this node's second of this scenario has been merged already. */
  public synchronized boolean merged(String node, String scenario, int second) {
    BitSet bits = seen.get(node + "\u0000" + scenario);
    return bits != null && second >= 0 && bits.get(second);
  }

  /** Whether this node's final result has been recorded. */
  public synchronized boolean finished(String node) {
    return finals.containsKey(node);
  }

  /** Records a node's final result (the first one wins). */
  public synchronized boolean add(FinalResult f) {
    if (!nodes.contains(f.nodeId())) {
      throw new IllegalArgumentException("node " + f.nodeId() + " is not part of run " + runId);
    }
    return finals.putIfAbsent(f.nodeId(), f) == null;
  }

  /** Whether every node has sent its final result or was given up. */
  public synchronized boolean complete() {
    for (String n : nodes) {
      if (!finals.containsKey(n) && !abandoned.contains(n)) {
        return false;
      }
    }
    return true;
  }

  /** Stops waiting for a node (it was lost); what it sent stays merged. */
  public synchronized void abandon(String node) {
    abandoned.add(node);
  }

  /**
   * Waits for a node again that was given up but is heard from before the run ends (its connection
   * to the broker was cut for a while): its results count as if it had never gone.
   *
   * @return whether it had been given up
   */
  public synchronized boolean readmit(String node) {
    return !sealed && abandoned.remove(node);
  }

  public synchronized Set<String> abandoned() {
    return Set.copyOf(abandoned);
  }

  /** Nodes without a final result yet. */
  public synchronized List<String> pending() {
    List<String> out = new ArrayList<>();
    for (String n : nodes) {
      if (!finals.containsKey(n) && !abandoned.contains(n)) {
        out.add(n);
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * The newest second that every node has reported (a finished node counts as having reported all),
   * or -1: how far the merged view is complete.
   */
  public synchronized int mergedThrough() {
    int through = Integer.MAX_VALUE;
    for (String n : nodes) {
      if (finals.containsKey(n) || abandoned.contains(n)) {
        continue;
      }
      through = Math.min(through, newestSecond.getOrDefault(n, -1));
    }
    if (through == Integer.MAX_VALUE) {
      return seconds.isEmpty() ? -1 : seconds.lastKey();
    }
    return through;
  }

  /** The newest second any node reported, or -1. */
  public synchronized int newestSecond() {
    return seconds.isEmpty() ? -1 : seconds.lastKey();
  }

  /** A copy of the merged second, or null. */
  public synchronized IntervalStats second(int s) {
    IntervalStats i = seconds.get(s);
    if (i == null) {
      return null;
    }
    IntervalStats copy = new IntervalStats(s);
    copy.add(i);
    return copy;
  }

  /** Requests each node finished in a second (nodes that sent nothing for it are absent). */
  public synchronized Map<String, Long> nodeRequests(int second) {
    Map<String, Long> out = new java.util.TreeMap<>();
    nodeRequests.forEach(
        (node, bySecond) -> {
          Long n = bySecond.get(second);
          if (n != null) {
            out.put(node, n);
          }
        });
    return out;
  }

  /** Copies of every merged second, in order. */
  public synchronized List<IntervalStats> timeline() {
    List<IntervalStats> out = new ArrayList<>();
    for (int s : seconds.keySet()) {
      out.add(second(s));
    }
    return out;
  }

  /** Everything merged so far, per scenario (copies, kept as results arrive). */
  public synchronized Map<String, ScenarioStats> totalsSoFar() {
    Map<String, ScenarioStats> out = new LinkedHashMap<>();
    totals.forEach((name, s) -> out.put(name, s.copy()));
    return out;
  }

  public synchronized Collection<FinalResult> finals() {
    return List.copyOf(finals.values());
  }
}
