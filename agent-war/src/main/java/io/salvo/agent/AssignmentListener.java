package io.salvo.agent;

import io.salvo.message.Destinations;
import io.salvo.message.SignedMessages;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;

/**
 * Consumes its cluster's assignments topic ({@link Destinations#assignments}), seeing only its
 * group's messages (and those for it alone): the topic and the selector are built from system
 * properties when the server deploys the MDB ({@code annotation-property-replacement}). One
 * session: a topic subscription per session would deliver each message once per session. A message
 * that {@link MessageSeal} refuses (not signed with the cluster's key, altered, replayed) is logged
 * and dropped.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destination",
          propertyValue = Destinations.ASSIGNMENTS + ".${salvo.clusterId:default}"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
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
  private static final Logger LOG = Logger.getLogger(AssignmentListener.class.getName());

  @EJB AgentNode node;

  @EJB MessageSeal seal;

  @Override
  public void onMessage(Message message) {
    SignedMessages.Opened o;
    try {
      o = seal.open(message);
    } catch (JMSException e) {
      // Rethrow: the message is redelivered, then dead-lettered, never silently acknowledged.
      throw new IllegalStateException("cannot read message " + message, e);
    }
    if (!o.accepted()) {
      LOG.warning(o.refusal());
      return;
    }
    try {
      node.accept(o.message());
    } catch (RuntimeException e) {
      seal.release(o);
      throw e;
    }
  }
}
