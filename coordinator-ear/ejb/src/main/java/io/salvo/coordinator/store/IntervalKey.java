package io.salvo.coordinator.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** {@code (runId, nodeId, scenario, second)}: each is stored once, whatever JMS redelivers. */
@Embeddable
public class IntervalKey implements Serializable {
  @Column(length = 40)
  public String runId;

  @Column(length = 64)
  public String nodeId;

  @Column(length = 64)
  public String scenario;

  @Column(name = "run_second")
  public int second;

  protected IntervalKey() {}

  public IntervalKey(String runId, String nodeId, String scenario, int second) {
    this.runId = runId;
    this.nodeId = nodeId;
    this.scenario = scenario;
    this.second = second;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntervalKey k
        && runId.equals(k.runId)
        && nodeId.equals(k.nodeId)
        && scenario.equals(k.scenario)
        && second == k.second;
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, nodeId, scenario, second);
  }
}
