package io.salvo.agent;

import io.salvo.engine.node.AgentCore;
import io.salvo.message.ClusterMessage;
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
import java.util.Map;
import java.util.logging.Logger;

/**
 * This agent, hosted by WildFly: the container's timer drives {@link AgentCore}'s heartbeats, the
 * assignments MDB feeds it messages, and {@link ResultsSender} sends what it gives.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AgentNode {
  private static final Logger LOG = Logger.getLogger(AgentNode.class.getName());

  @EJB ResultsSender sender;

  @Resource ManagedThreadFactory threads;

  private AgentCore core;

  @PostConstruct
  void init() {
    AgentCore.Identity config = AgentConfig.fromSystemProperties();
    LOG.info(
        "Salvo agent "
            + config.agentId()
            + " in cluster "
            + config.clusterId()
            + (config.agentGroup() == null ? "" : ", group " + config.agentGroup())
            + (config.statusUrl() == null ? "" : ", status at " + config.statusUrl())
            + "; load may go to: "
            + config.allowedTargets());
    core =
        new AgentCore(
            config,
            new AgentCore.Outbound() {
              @Override
              public void heartbeat(ClusterMessage m) {
                sender.heartbeat(m);
              }

              @Override
              public void result(ClusterMessage m) {
                sender.result(m);
              }
            },
            threads);
  }

  /**
   * Every second. Timer callbacks do not wait for each other (bean-managed concurrency), so a send
   * that blocks while the broker is away does not hold back the heartbeats after it.
   */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  public void heartbeat() {
    core.heartbeat();
  }

  /** A message from the assignments topic that the selector let through. */
  public void accept(ClusterMessage m) {
    core.accept(m);
  }

  /** What the status resource shows. */
  public Map<String, Object> status() {
    return core.status();
  }
}
