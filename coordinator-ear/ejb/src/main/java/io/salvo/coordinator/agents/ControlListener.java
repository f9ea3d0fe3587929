package io.salvo.coordinator.agents;

import io.salvo.cluster.AgentLiveness;
import io.salvo.coordinator.CoordinatorNode;
import io.salvo.coordinator.messaging.ClusterPublisher;
import io.salvo.coordinator.messaging.MessageSeal;
import io.salvo.message.AgentHeartbeat;
import io.salvo.message.ClockReply;
import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.SignedMessages;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/**
 * Agents' heartbeats: into the registry, and a clock reply now and then; and this coordinator's own
 * probes ({@link BrokerProbe}), which show that it can hear agents.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = Destinations.CONTROL_JNDI),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ControlListener implements MessageListener {
  private static final Logger LOG = Logger.getLogger(ControlListener.class.getName());

  @EJB AgentRegistry registry;

  @EJB ClusterPublisher publisher;

  @EJB MessageSeal seal;

  @Override
  public void onMessage(Message message) {
    long received = System.currentTimeMillis();
    AgentHeartbeat hb;
    try {
      if (Destinations.PROBE.equals(message.getStringProperty(Destinations.TYPE))) {
        if (registry.instance().equals(((TextMessage) message).getText())) {
          long gap = registry.liveness().probeArrived();
          if (gap > 0) {
            LOG.info(
                "the coordinator hears through the broker again after "
                    + gap
                    + " ms; agents have "
                    + AgentLiveness.RECONNECT_GRACE_MILLIS
                    + " ms to be heard from before any is lost");
          }
        }
        return;
      }
      SignedMessages.Opened o = seal.open(message);
      if (!o.accepted()) {
        LOG.warning(o.refusal());
        return;
      }
      if (!(o.message() instanceof AgentHeartbeat h)) {
        throw new IllegalArgumentException(
            "a " + o.message().type() + " message does not belong on the control queue");
      }
      hb = h;
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read message " + message, e);
    }
    if (CoordinatorNode.ID.equals(hb.nodeId())) {
      LOG.warning("ignoring an agent that calls itself " + CoordinatorNode.ID);
      return;
    }
    registry.liveness().heard(hb.nodeId());
    if (hb.announce()) {
      LOG.info(
          "agent "
              + hb.nodeId()
              + " joined cluster "
              + hb.clusterId()
              + (hb.agentGroup() == null ? "" : ", group " + hb.agentGroup()));
    }
    if (registry.directory().heartbeat(hb)) {
      publisher.toAgents(
          new ClockReply(
              ClusterMessage.VERSION,
              hb.clusterId(),
              CoordinatorNode.ID,
              hb.nodeId(),
              hb.sentAtMillis(),
              received,
              System.currentTimeMillis()),
          hb.agentGroup(),
          hb.nodeId(),
          null);
    }
  }
}
