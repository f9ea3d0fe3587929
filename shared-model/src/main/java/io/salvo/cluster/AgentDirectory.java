package io.salvo.cluster;

import io.salvo.message.AgentHeartbeat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The agents a coordinator knows, from their heartbeats. An agent silent for {@link
 * #LOST_AFTER_MILLIS} shows as LOST and takes no run (whether a run's agent is lost is {@link
 * AgentLiveness}'s judgement); one silent for {@link #FORGET_AFTER_MILLIS} is forgotten. The clock
 * is injected so tests need not sleep. Thread-safe.
 */
public final class AgentDirectory {
  public static final long LOST_AFTER_MILLIS = 3_000;
  public static final long FORGET_AFTER_MILLIS = 600_000;

  /**
   * What the coordinator knows of one agent.
   *
   * @param clockOffsetMs its last reported estimate of (coordinator clock - its clock), or null
   */
  public record Agent(
      String id,
      String clusterId,
      String group,
      int capacity,
      String version,
      String state,
      String runId,
      long firstSeenMillis,
      long lastSeenMillis,
      long heartbeats,
      String statusUrl,
      Double clockOffsetMs) {

    /** IDLE or RUNNING as the agent reports, or LOST when it went silent. */
    public String status(long nowMillis) {
      return nowMillis - lastSeenMillis > LOST_AFTER_MILLIS ? "LOST" : state;
    }
  }

  private final LongSupplier clock;
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private long lastSweep;

  public AgentDirectory(LongSupplier clockMillis) {
    this.clock = clockMillis;
  }

  /**
   * Records a heartbeat.
   *
   * @return whether the agent should get a clock reply: its first five heartbeats, then one in
   *     thirty (enough for its offset estimate, cheap for a thousand agents)
   */
  public synchronized boolean heartbeat(AgentHeartbeat hb) {
    long now = clock.getAsLong();
    Agent before = agents.get(hb.nodeId());
    long first = before == null || hb.announce() ? now : before.firstSeenMillis();
    long count = before == null || hb.announce() ? 1 : before.heartbeats() + 1;
    agents.put(
        hb.nodeId(),
        new Agent(
            hb.nodeId(),
            hb.clusterId(),
            hb.agentGroup(),
            hb.capacity(),
            hb.salvoVersion(),
            hb.state(),
            hb.runId(),
            first,
            now,
            count,
            hb.statusUrl(),
            hb.clockOffsetMs() != null
                ? hb.clockOffsetMs()
                : before == null ? null : before.clockOffsetMs()));
    forgetSilent(now);
    return count <= 5 || count % 30 == 0;
  }

  /** Any message from a known agent shows it is alive, not only its heartbeats. */
  public synchronized void touch(String id) {
    Agent a = agents.get(id);
    if (a != null) {
      agents.put(
          id,
          new Agent(
              a.id(),
              a.clusterId(),
              a.group(),
              a.capacity(),
              a.version(),
              a.state(),
              a.runId(),
              a.firstSeenMillis(),
              clock.getAsLong(),
              a.heartbeats(),
              a.statusUrl(),
              a.clockOffsetMs()));
    }
  }

  /** At most every ten seconds: a sweep per heartbeat would cost O(agents) per heartbeat. */
  private void forgetSilent(long now) {
    if (now - lastSweep < 10_000) {
      return;
    }
    lastSweep = now;
    agents.values().removeIf(a -> now - a.lastSeenMillis() > FORGET_AFTER_MILLIS);
  }

  public synchronized List<Agent> all() {
    List<Agent> out = new ArrayList<>(agents.values());
    out.sort(Comparator.comparing(Agent::clusterId).thenComparing(Agent::id));
    return out;
  }

  public synchronized Agent get(String id) {
    return agents.get(id);
  }

  /**
   * Agents that can take a run now: alive, idle, in the cluster, and in the group (any group when
   * {@code group} is null), sorted by id so the split order is stable.
   */
  public synchronized List<String> available(String clusterId, String group) {
    long now = clock.getAsLong();
    List<String> out = new ArrayList<>();
    for (Agent a : agents.values()) {
      if (a.clusterId().equals(clusterId)
          && (group == null || group.equals(a.group()))
          && "IDLE".equals(a.status(now))) {
        out.add(a.id());
      }
    }
    out.sort(null);
    return out;
  }

  /** Alive agents of the cluster and group, busy or not: who has joined. */
  public synchronized List<String> joined(String clusterId, String group) {
    long now = clock.getAsLong();
    List<String> out = new ArrayList<>();
    for (Agent a : agents.values()) {
      if (a.clusterId().equals(clusterId)
          && (group == null || group.equals(a.group()))
          && !"LOST".equals(a.status(now))) {
        out.add(a.id() + ("RUNNING".equals(a.state()) ? " (busy)" : ""));
      }
    }
    out.sort(null);
    return out;
  }

  public long now() {
    return clock.getAsLong();
  }
}
