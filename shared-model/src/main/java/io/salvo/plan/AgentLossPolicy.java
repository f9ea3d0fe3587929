package io.salvo.plan;

/** What a run does when an agent stops heartbeating. */
public enum AgentLossPolicy {
  /** Stop the whole run and mark it failed. */
  FAIL,
  /** Finish with the remaining agents; the report marks the run degraded. */
  CONTINUE
}
