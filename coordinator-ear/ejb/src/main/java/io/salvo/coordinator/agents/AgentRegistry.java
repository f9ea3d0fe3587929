package io.salvo.coordinator.agents;

import io.salvo.cluster.AgentDirectory;
import io.salvo.cluster.AgentLiveness;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.UUID;

/**
 * The coordinator's {@link AgentDirectory} and {@link AgentLiveness}, one per server (they lock
 * internally), and this process's identity on its own probes.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AgentRegistry {
  private final AgentDirectory directory = new AgentDirectory(System::currentTimeMillis);
  private final AgentLiveness liveness = new AgentLiveness(System::currentTimeMillis);
  private final String instance = UUID.randomUUID().toString();

  public AgentDirectory directory() {
    return directory;
  }

  public AgentLiveness liveness() {
    return liveness;
  }

  /** This process's id on the probes it sends itself: another coordinator's probes are not ours. */
  public String instance() {
    return instance;
  }
}
