package io.salvo.coordinator.store;

/** Where a run is in its life. */
public enum RunState {
  /** Created; waiting until {@code agentsCount} agents are available. */
  WAITING_FOR_AGENTS,
  /** The assignment is out; results are coming in. */
  RUNNING,
  /** A stop was asked for; waiting for the nodes' final results. */
  STOPPING,
  /** Every node reported; the report is stored. Its verdict says whether thresholds passed. */
  COMPLETED,
  /** Stopped by a user; the report holds what was measured. */
  STOPPED,
  /** Could not start or finish (no agents, an agent lost, a node could not run). */
  FAILED;

  public boolean finished() {
    return this == COMPLETED || this == STOPPED || this == FAILED;
  }
}
