package io.salvo.agent;

import io.salvo.cluster.ClockOffset;
import io.salvo.engine.EngineOptions;
import io.salvo.engine.ScenarioPart;
import io.salvo.engine.node.AgentAssignments;
import io.salvo.engine.node.NodeWork;
import io.salvo.message.AgentHeartbeat;
import io.salvo.message.Assignment;
import io.salvo.message.ClockReply;
import io.salvo.message.ClusterMessage;
import io.salvo.message.StopRun;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This agent: announces itself and heartbeats every second, estimates its clock offset from the
 * coordinator's replies, and runs its part of each assignment that names it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AgentNode {
  private static final Logger LOG = Logger.getLogger(AgentNode.class.getName());
  static final String VERSION = "0.1.0";

  @EJB ResultsSender sender;

  @Resource ManagedThreadFactory threads;

  private AgentConfig config;
  private final ClockOffset clock = new ClockOffset();
  private final AtomicLong assignmentsSeen = new AtomicLong();
  private final AtomicLong runsTaken = new AtomicLong();
  private volatile NodeWork current;
  private volatile String lastRunId;
  private volatile String lastError;
  private volatile boolean announced;
  private volatile long lastResultMillis;
  private volatile long lastHeartbeatMillis;

  @PostConstruct
  void init() {
    config = AgentConfig.fromSystemProperties();
    LOG.info(
        "Salvo agent "
            + config.agentId()
            + " in cluster "
            + config.clusterId()
            + (config.agentGroup() == null ? "" : ", group " + config.agentGroup())
            + (config.statusUrl() == null ? "" : ", status at " + config.statusUrl())
            + "; load may go to: "
            + config.allowedTargets());
  }

  AgentConfig config() {
    return config;
  }

  /**
   * Every second. Timer callbacks do not wait for each other (bean-managed concurrency), so a send
   * that blocks while the broker is away does not hold back the heartbeats after it.
   */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
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
            config.clusterId(),
            config.agentId(),
            config.agentGroup(),
            config.capacity(),
            VERSION,
            !announced,
            w == null ? "IDLE" : "RUNNING",
            w == null ? null : w.runId(),
            now,
            config.statusUrl(),
            clock.samples() == 0 ? null : clock.offsetMillis());
    try {
      sender.heartbeat(hb);
      announced = true;
      lastHeartbeatMillis = now;
    } catch (RuntimeException e) {
      // The broker may not be up yet; the next heartbeat announces again.
      announced = false;
      LOG.log(Level.FINE, "heartbeat not sent", e);
    }
  }

  /** A message from the assignments topic that the selector let through. */
  public void accept(ClusterMessage m) {
    if (m instanceof Assignment a) {
      assign(a);
    } else if (m instanceof StopRun s) {
      NodeWork w = current;
      if (w != null && w.runId().equals(s.runId())) {
        LOG.info("run " + s.runId() + " stopped: " + s.reason());
        w.stop();
      }
    } else if (m instanceof ClockReply r && r.agentId().equals(config.agentId())) {
      clock.sample(r.agentSentAt(), r.receivedAt(), r.sentAt(), System.currentTimeMillis());
    }
  }

  private synchronized void assign(Assignment a) {
    assignmentsSeen.incrementAndGet();
    if (!a.agents().contains(config.agentId())) {
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
    List<ScenarioPart> parts = AgentAssignments.parts(a, plan, config.agentId());
    runsTaken.incrementAndGet();
    lastRunId = a.runId();
    LOG.info(
        "run "
            + a.runId()
            + ": agent "
            + (a.agents().indexOf(config.agentId()) + 1)
            + " of "
            + a.agents().size());
    EngineOptions options =
        EngineOptions.defaults()
            .withEventLoops(config.threads())
            .withThreadFactory(threads)
            .withAllowedTargets(config.allowedTargets());
    NodeWork w =
        NodeWork.start(
            config.clusterId(),
            config.agentId(),
            a.runId(),
            plan,
            parts,
            a.startAtMillis(),
            clock.offsetMillis(),
            options,
            m -> {
              sender.result(m);
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

  /** What the status resource shows. */
  public Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>();
    NodeWork w = current;
    m.put("agentId", config.agentId());
    m.put("clusterId", config.clusterId());
    m.put("agentGroup", config.agentGroup());
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
