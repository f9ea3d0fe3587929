package io.salvo.coordinator.results;

import io.salvo.coordinator.agents.AgentRegistry;
import io.salvo.coordinator.messaging.MessageSeal;
import io.salvo.coordinator.run.LiveRuns;
import io.salvo.coordinator.run.RunFinisher;
import io.salvo.coordinator.store.RunStore;
import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.SignedMessages;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;

/**
 * The results queue: each message is stored in the MDB's transaction. A failure rolls back and the
 * broker redelivers; a message that keeps failing (poison) goes to the dead-letter queue. A message
 * that {@link MessageSeal} refuses (forged, altered, replayed, unsigned) is logged with the sender
 * it claims, counted in its run's {@code rejectedMessages} and dropped.
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
  private static final Logger LOG = Logger.getLogger(ResultsListener.class.getName());

  @EJB ResultIngest ingest;

  @EJB AgentRegistry registry;

  @EJB LiveRuns live;

  @EJB RunFinisher finisher;

  @EJB RunStore store;

  @EJB MessageSeal seal;

  @Override
  public void onMessage(Message message) {
    SignedMessages.Opened o;
    try {
      o = seal.open(message);
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read message " + message, e);
    }
    ClusterMessage m = o.message();
    if (!o.accepted()) {
      String runId = SignedMessages.runId(m);
      LOG.warning(o.refusal());
      if (runId != null) {
        store.rejected(runId);
      }
      return;
    }
    try {
      take(m);
    } catch (RuntimeException e) {
      // Redelivered by the broker: its sequence number must pass again.
      seal.messages().release(o);
      throw e;
    }
  }

  private void take(ClusterMessage m) {
    // A node sending results is alive, whatever its heartbeats' queue is doing.
    registry.directory().touch(m.nodeId());
    registry.liveness().heard(m.nodeId());
    if (!(m instanceof IntervalResult || m instanceof FinalResult)) {
      throw new IllegalArgumentException(
          "a " + m.type() + " message does not belong on the results queue");
    }
    String runId = SignedMessages.runId(m);
    LiveRuns.Active a = live.get(runId);
    // Stored and merged inside the run's gate: a run that ends seals it first, so its report is
    // made of exactly what was stored.
    if (a == null || !a.live().enter()) {
      LOG.warning(
          "dropping a result of run "
              + runId
              + " from "
              + m.nodeId()
              + (a == null ? ": no such run in progress" : ": it has ended"));
      return;
    }
    try {
      if (a.live().readmit(m.nodeId())) {
        // Given up while it was cut off (onAgentLoss: continue), and back before the run ended.
        store.found(runId, m.nodeId());
        LOG.info("run " + runId + ": agent " + m.nodeId() + " is back; its results count again");
      }
      ingest.accept(m, a.live());
    } finally {
      a.live().exit();
    }
    if (m instanceof FinalResult && a.live().complete()) {
      finisher.finish(runId, null);
    }
  }
}
