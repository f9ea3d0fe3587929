package io.salvo.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tells "the agent is gone" from "the coordinator could not hear anyone". The coordinator sends
 * itself a probe through the broker every second; while its probes come back, the path from agents
 * to the coordinator works, and an agent silent for {@link #LOST_AFTER_MILLIS} is lost. While they
 * do not (the broker is down, or the coordinator's consumers are reconnecting) nobody is judged.
 *
 * <p>When the probes come back after an outage, every agent gets {@link #RECONNECT_GRACE_MILLIS} to
 * be heard from again (its own connection is being restored too); after the coordinator process
 * starts, {@link #RESTART_GRACE_MILLIS}, since the agents of the runs it resumes first have to find
 * the restarted broker. A node is heard from by its heartbeats and its results, also when this
 * process did not know it before. The clock is injected, so tests need not sleep. Thread-safe.
 */
public final class AgentLiveness {
  /** Silence that makes an agent lost while the coordinator can hear it. */
  public static final long LOST_AFTER_MILLIS = AgentDirectory.LOST_AFTER_MILLIS;

  /** A probe older than this means the path through the broker is down. */
  public static final long PROBE_STALE_MILLIS = 2_000;

  /** After the probes come back from an outage, how long agents have to be heard again. */
  public static final long RECONNECT_GRACE_MILLIS = 3_000;

  /** After the coordinator starts (its first probe), how long agents have to be heard. */
  public static final long RESTART_GRACE_MILLIS = 15_000;

  private final LongSupplier clock;
  private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();
  private boolean everProbed;
  private long lastProbe;
  private long graceUntil;

  public AgentLiveness(LongSupplier clockMillis) {
    this.clock = clockMillis;
  }

  /**
   * The coordinator's own probe came back through the broker.
   *
   * @return how long the coordinator could not hear, in milliseconds, when this probe ends an
   *     outage; 0 otherwise
   */
  public synchronized long probeArrived() {
    long now = clock.getAsLong();
    long gap = 0;
    if (!everProbed) {
      graceUntil = now + RESTART_GRACE_MILLIS;
      everProbed = true;
    } else if (now - lastProbe > PROBE_STALE_MILLIS) {
      graceUntil = Math.max(graceUntil, now + RECONNECT_GRACE_MILLIS);
      gap = now - lastProbe;
    }
    lastProbe = now;
    return gap;
  }

  /** A heartbeat or a result from this node arrived. */
  public void heard(String node) {
    lastHeard.put(node, clock.getAsLong());
  }

  /** Whether the coordinator hears through the broker now (its last probe is recent). */
  public synchronized boolean listening() {
    return everProbed && clock.getAsLong() - lastProbe <= PROBE_STALE_MILLIS;
  }

  /**
   * Whether silence can be judged now: the coordinator hears and no grace period runs. Deadlines
   * that depend on agents' results wait for this too.
   */
  public synchronized boolean judging() {
    return listening() && clock.getAsLong() >= graceUntil;
  }

  /**
   * Whether the node is lost: the coordinator hears through the broker, no grace period runs, and
   * the node has been silent for {@link #LOST_AFTER_MILLIS}.
   */
  public synchronized boolean lost(String node) {
    if (!listening()) {
      return false;
    }
    // Silence counts from the node's last word, and at the earliest from the end of the grace
    // period less the allowed silence: nobody is lost before the grace period ends.
    Long heard = lastHeard.get(node);
    long since = Math.max(heard == null ? Long.MIN_VALUE : heard, graceUntil - LOST_AFTER_MILLIS);
    return clock.getAsLong() - since > LOST_AFTER_MILLIS;
  }
}
