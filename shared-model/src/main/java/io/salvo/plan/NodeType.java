package io.salvo.plan;

/** The part a process plays in a run. */
public enum NodeType {
  /** Runs every scenario itself; no broker, no other nodes. */
  SINGLE_NODE,
  /** Plans the run, publishes assignments, merges results; runs its own target scenarios too. */
  COORDINATOR,
  /** Runs its share of the agent target scenarios and reports to the coordinator. */
  AGENT
}
