package io.salvo.coordinator.results;

import io.salvo.coordinator.agents.AgentRegistry;
import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.MessageCodec;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * The results queue: each message is stored in the MDB's transaction. A failure rolls back and the
 * broker redelivers; a message that keeps failing (poison) goes to the dead-letter queue.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = Destinations.RESULTS_JNDI),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "16")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ResultsListener implements MessageListener {
  @EJB ResultIngest ingest;

  @EJB AgentRegistry registry;

  @Override
  public void onMessage(Message message) {
    try {
      ClusterMessage m = MessageCodec.decode(((TextMessage) message).getText());
      // A node sending results is alive, whatever its heartbeats' queue is doing.
      registry.directory().touch(m.nodeId());
      ingest.accept(m);
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read message " + message, e);
    }
  }
}
