package io.salvo.coordinator.agents;

import io.salvo.cluster.AgentDirectory;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

/** The coordinator's {@link AgentDirectory}, one per server (it locks internally). */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AgentRegistry {
  private final AgentDirectory directory = new AgentDirectory(System::currentTimeMillis);

  public AgentDirectory directory() {
    return directory;
  }
}
