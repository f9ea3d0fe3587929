package io.salvo.coordinator.messaging;

import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.SignedJms;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

/**
 * Publishes to agents on their cluster's assignments topic with the JMS properties their selectors
 * read, and sends the coordinator's own results to the results queue. Each call is its own
 * transaction, so a message is out when the call returns.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClusterPublisher {
  @Inject JMSContext jms;

  @EJB MessageSeal seal;

  @Resource(lookup = Destinations.RESULTS_JNDI)
  Queue results;

  @Resource(lookup = Destinations.CONTROL_JNDI)
  Queue control;

  /**
   * @param agentGroup only agents of this group; null for any group
   * @param agentId only this agent; null for every agent the selectors let in
   * @param runId set as a property when not null
   */
  public void toAgents(ClusterMessage m, String agentGroup, String agentId, String runId) {
    JMSProducer p =
        jms.createProducer()
            .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
            .setProperty(Destinations.CLUSTER_ID, m.clusterId())
            .setProperty(Destinations.TYPE, m.type());
    if (agentGroup != null) {
      p.setProperty(Destinations.AGENT_GROUP, agentGroup);
    }
    if (agentId != null) {
      p.setProperty(Destinations.AGENT_ID, agentId);
    }
    if (runId != null) {
      p.setProperty(Destinations.RUN_ID, runId);
    }
    send(p, jms.createTopic(Destinations.assignments(m.clusterId())), m);
  }

  /** A result of the coordinator's own scenarios, through the same queue as the agents'. */
  public void result(ClusterMessage m) {
    send(
        jms.createProducer()
            .setDeliveryMode(DeliveryMode.PERSISTENT)
            .setProperty(Destinations.TYPE, m.type()),
        results,
        m);
  }

  private void send(JMSProducer p, Destination to, ClusterMessage m) {
    SignedJms.send(seal.messages(), p, to, m);
  }

  /**
   * The coordinator's probe of its own path through the broker: non-persistent and short-lived, to
   * the control queue, where this process's own listener takes it back.
   */
  public void probe(String instance) {
    jms.createProducer()
        .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
        .setTimeToLive(5_000)
        .setProperty(Destinations.TYPE, Destinations.PROBE)
        .send(control, instance);
  }
}
