package io.salvo.coordinator.run;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** A run was stored; once that commits, its launcher starts waiting for agents. */
public record RunCreated(String runId) {
  /** Starts the launcher after the creating transaction committed. */
  @ApplicationScoped
  public static class Trigger {
    @EJB RunLauncher launcher;

    void onCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunCreated e) {
      launcher.launch(e.runId());
    }
  }
}
