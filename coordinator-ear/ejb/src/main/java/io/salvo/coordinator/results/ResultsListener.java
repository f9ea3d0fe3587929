package io.salvo.coordinator.results;

import io.salvo.message.Destinations;
import io.salvo.message.MessageCodec;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
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
public class ResultsListener implements MessageListener {
  @EJB ResultIngest ingest;

  @Override
  public void onMessage(Message message) {
    try {
      ingest.accept(MessageCodec.decode(((TextMessage) message).getText()));
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read message " + message, e);
    }
  }
}
