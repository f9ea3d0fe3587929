package io.salvo.coordinator.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** {@code (runId, scenario, second)}; {@code second} is -1 for a run's totals. */
@Embeddable
public class ScenarioKey implements Serializable {
  @Column(length = 40)
  public String runId;

  @Column(length = 64)
  public String scenario;

  @Column(name = "run_second")
  public int second;

  protected ScenarioKey() {}

  public ScenarioKey(String runId, String scenario, int second) {
    this.runId = runId;
    this.scenario = scenario;
    this.second = second;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScenarioKey k
        && runId.equals(k.runId)
        && scenario.equals(k.scenario)
        && second == k.second;
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, scenario, second);
  }
}
