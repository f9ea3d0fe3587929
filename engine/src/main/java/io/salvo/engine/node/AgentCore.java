package io.salvo.engine.node;

import io.salvo.cluster.ClockOffset;
import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.EngineOptions;
import io.salvo.engine.ScenarioPart;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.message.AgentHeartbeat;
import io.salvo.message.Assignment;
import io.salvo.message.ClockReply;
import io.salvo.message.ClusterMessage;
import io.salvo.message.StopRun;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What an agent does, whatever hosts it (a WildFly deployment or a plain process): announces itself
 * and heartbeats once a second ({@link #heartbeat}, called by its host's timer), estimates its
 * clock offset from the coordinator's replies, and runs its part of each assignment that names it
 * ({@link #accept}). Its host delivers the messages of its cluster's assignments topic, sends what
 * it gives to {@link Outbound}, and shows {@link #status}. Thread-safe.
 */
public final class AgentCore {
  private static final Logger LOG = Logger.getLogger(AgentCore.class.getName());

  /** The version agents announce. */
  public static final String VERSION = "0.1.0";

  /**
   * Who the agent is.
   *
   * @param capacity relative weight (1 by default)
   * @param threads event loops for the load
   * @param statusUrl where the coordinator can reach the agent's status resource over HTTP, or null
   * @param allowedTargets where this agent lets load go, checked again on every assignment
   */
  public record Identity(
      String agentId,
      String clusterId,
      String agentGroup,
      int capacity,
      int threads,
      String statusUrl,
      TargetAllowList allowedTargets) {}

  /** Where the agent's messages go: its host signs and sends them. */
  public interface Outbound {
    /** A heartbeat (worthless seconds later); throws when it cannot be sent now. */
    void heartbeat(ClusterMessage m);

    /** An interval or final result (must not be lost); throws when it cannot be sent now. */
    void result(ClusterMessage m);
  }

  private final Identity id;
  private final Outbound out;
  private final ThreadFactory threads;
  private final CodeRegistry code;
  private final ClockOffset clock = new ClockOffset();
  private final AtomicLong assignmentsSeen = new AtomicLong();
  private final AtomicLong runsTaken = new AtomicLong();
  private volatile NodeWork current;
  private volatile String lastRunId;
  private volatile String lastError;
  private volatile boolean announced;
  private volatile long lastResultMillis;
  private volatile long lastHeartbeatMillis;

  /**
   * @param threads makes the load's threads (an application server passes its managed factory)
   */
  public AgentCore(Identity id, Outbound out, ThreadFactory threads) {
    this(id, out, threads, CodeRegistry.empty());
  }

  /**
   * @param code the code this agent can run: an assignment whose scenarios name other code fails on
   *     this agent, and its final result says which
   */
  public AgentCore(Identity id, Outbound out, ThreadFactory threads, CodeRegistry code) {
    this.id = id;
    this.out = out;
    this.threads = threads;
    this.code = code;
  }

  public Identity identity() {
    return id;
  }

  /** Once a second: a heartbeat, unless an interval result just went out. */
  public void heartbeat() {
    NodeWork w = current;
    long now = System.currentTimeMillis();
    if (w != null && now - lastResultMillis < 1000 && now - lastHeartbeatMillis < 10_000) {
      // An interval result went out this second: the coordinator counts it as the heartbeat,
      // which halves what a thousand running agents send it. One in ten seconds still goes out,
      // so a coordinator that restarts mid-run learns this agent (and its status URL) back.
      return;
    }
    AgentHeartbeat hb =
        new AgentHeartbeat(
            ClusterMessage.VERSION,
            id.clusterId(),
            id.agentId(),
            id.agentGroup(),
            id.capacity(),
            VERSION,
            !announced,
            w == null ? "IDLE" : "RUNNING",
            w == null ? null : w.runId(),
            now,
            id.statusUrl(),
            clock.samples() == 0 ? null : clock.offsetMillis());
    try {
      out.heartbeat(hb);
      announced = true;
      lastHeartbeatMillis = now;
    } catch (RuntimeException e) {
      // The broker may not be up yet; the next heartbeat announces again.
      announced = false;
      LOG.log(Level.FINE, "heartbeat not sent", e);
    }
  }

  /**
   * A message from the assignments topic that the selector let through and the signature check
   * accepted.
   *
   * @throws IllegalArgumentException for an assignment whose plan is invalid
   */
  public void accept(ClusterMessage m) {
    if (m instanceof Assignment a) {
      assign(a);
    } else if (m instanceof StopRun s) {
      NodeWork w = current;
      if (w != null && w.runId().equals(s.runId())) {
        LOG.info("run " + s.runId() + " stopped: " + s.reason());
        w.stop();
      }
    } else if (m instanceof ClockReply r && r.agentId().equals(id.agentId())) {
      clock.sample(r.agentSentAt(), r.receivedAt(), r.sentAt(), System.currentTimeMillis());
    }
  }

  private synchronized void assign(Assignment a) {
    assignmentsSeen.incrementAndGet();
    if (!a.agents().contains(id.agentId())) {
      return;
    }
    if (current != null) {
      LOG.warning("run " + a.runId() + " names this agent, but it is busy with " + current.runId());
      return;
    }
    Plan plan;
    try {
      plan =
          PlanParser.parse("run " + a.runId(), a.planSource(), PlanFormat.valueOf(a.planFormat()));
    } catch (PlanException e) {
      throw new IllegalArgumentException(
          "the plan of run " + a.runId() + " is invalid: " + e.getMessage(), e);
    }
    List<ScenarioPart> parts = AgentAssignments.parts(a, plan, id.agentId());
    runsTaken.incrementAndGet();
    lastRunId = a.runId();
    LOG.info(
        "run "
            + a.runId()
            + ": agent "
            + (a.agents().indexOf(id.agentId()) + 1)
            + " of "
            + a.agents().size());
    EngineOptions options =
        EngineOptions.defaults()
            .withEventLoops(id.threads())
            .withThreadFactory(threads)
            .withAllowedTargets(id.allowedTargets())
            .withCode(code);
    NodeWork w =
        NodeWork.start(
            id.clusterId(),
            id.agentId(),
            a.runId(),
            plan,
            parts,
            a.startAtMillis(),
            clock.offsetMillis(),
            options,
            m -> {
              out.result(m);
              lastResultMillis = System.currentTimeMillis();
            });
    current = w;
    w.done()
        .whenComplete(
            (f, e) -> {
              lastError = f == null ? String.valueOf(e) : f.error();
              current = null;
            });
  }

  /** Whether its last heartbeat reached the broker. */
  public boolean announced() {
    return announced;
  }

  /** The run in progress, or null. */
  public NodeWork current() {
    return current;
  }

  /** What the agent's status resource shows (the coordinator reads state and runId). */
  public Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>();
    NodeWork w = current;
    m.put("agentId", id.agentId());
    m.put("clusterId", id.clusterId());
    m.put("agentGroup", id.agentGroup());
    m.put("state", w == null ? "IDLE" : "RUNNING");
    m.put("runId", w == null ? null : w.runId());
    m.put("assignmentsSeen", assignmentsSeen.get());
    m.put("runsTaken", runsTaken.get());
    m.put("lastRunId", lastRunId);
    m.put("lastError", lastError);
    m.put("clockOffsetMs", clock.offsetMillis());
    m.put("clockSamples", clock.samples());
    m.put("announced", announced);
    return m;
  }
}
