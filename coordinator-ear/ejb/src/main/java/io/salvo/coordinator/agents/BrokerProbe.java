package io.salvo.coordinator.agents;

import io.salvo.coordinator.messaging.ClusterPublisher;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every second, a probe from the coordinator to itself through the broker's control queue (the way
 * agents' heartbeats come). Its return tells {@link io.salvo.cluster.AgentLiveness} that the
 * coordinator can hear agents; while probes do not return, silence is nobody's fault.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BrokerProbe {
  private static final Logger LOG = Logger.getLogger(BrokerProbe.class.getName());

  @EJB AgentRegistry registry;

  @EJB ClusterPublisher publisher;

  // A send can hang while the broker is away: the next ticks are skipped, not queued behind it.
  private final AtomicBoolean sending = new AtomicBoolean();

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  public void probe() {
    if (!sending.compareAndSet(false, true)) {
      return;
    }
    try {
      publisher.probe(registry.instance());
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "probe not sent: the broker is unreachable", e);
    } finally {
      sending.set(false);
    }
  }
}
