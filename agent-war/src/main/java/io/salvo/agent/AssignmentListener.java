package io.salvo.agent;

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
 * Consumes the assignments topic, seeing only this agent's cluster and group (and messages for it
 * alone): the selector is built from system properties when the server deploys the MDB ({@code
 * annotation-property-replacement}). One session: a topic subscription per session would deliver
 * each message once per session.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = Destinations.ASSIGNMENTS_JNDI),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
      @ActivationConfigProperty(
          propertyName = "messageSelector",
          propertyValue =
              "clusterId = '${salvo.clusterId:default}'"
                  + " AND (agentGroup IS NULL OR agentGroup = '${salvo.agentGroup:}')"
                  + " AND (agentId IS NULL OR agentId = '${salvo.agentId:${jboss.node.name}}')")
    })
public class AssignmentListener implements MessageListener {
  @EJB AgentNode node;

  @Override
  public void onMessage(Message message) {
    try {
      node.accept(MessageCodec.decode(((TextMessage) message).getText()));
    } catch (JMSException e) {
      // Rethrow: the message is redelivered, then dead-lettered, never silently acknowledged.
      throw new IllegalStateException("cannot read message " + message, e);
    }
  }
}
