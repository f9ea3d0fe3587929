package io.salvo.agent;

import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.SignedMessages;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

/** Sends an agent's messages to the coordinator, signed: results (persistent) and heartbeats. */
@Stateless
public class ResultsSender {
  @Inject JMSContext jms;

  @EJB MessageSeal seal;

  @Resource(lookup = Destinations.RESULTS_JNDI)
  Queue results;

  @Resource(lookup = Destinations.CONTROL_JNDI)
  Queue control;

  /** A result, persistent: a broker restart must not lose it. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void result(ClusterMessage m) {
    JMSProducer p =
        jms.createProducer()
            .setDeliveryMode(DeliveryMode.PERSISTENT)
            .setProperty(Destinations.RUN_ID, SignedMessages.runId(m))
            .setProperty(Destinations.CLUSTER_ID, m.clusterId())
            .setProperty(Destinations.TYPE, m.type());
    seal.send(p, results, m);
  }

  /** A heartbeat: worthless a few seconds later, so non-persistent and short-lived. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void heartbeat(ClusterMessage m) {
    seal.send(
        jms.createProducer()
            .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
            .setTimeToLive(5_000)
            .setProperty(Destinations.CLUSTER_ID, m.clusterId())
            .setProperty(Destinations.TYPE, m.type()),
        control,
        m);
  }
}
