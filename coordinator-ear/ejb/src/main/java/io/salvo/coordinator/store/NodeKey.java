package io.salvo.coordinator.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** {@code (runId, nodeId)}. */
@Embeddable
public class NodeKey implements Serializable {
  @Column(length = 40)
  public String runId;

  @Column(length = 64)
  public String nodeId;

  protected NodeKey() {}

  public NodeKey(String runId, String nodeId) {
    this.runId = runId;
    this.nodeId = nodeId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeKey k && runId.equals(k.runId) && nodeId.equals(k.nodeId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, nodeId);
  }
}
