package io.salvo.coordinator;

/** The coordinator as a node of its runs. */
public final class CoordinatorNode {
  /** The node id of the coordinator's own scenarios; no agent may use it. */
  public static final String ID = io.salvo.engine.cluster.RunLifecycle.COORDINATOR;

  private CoordinatorNode() {}
}
