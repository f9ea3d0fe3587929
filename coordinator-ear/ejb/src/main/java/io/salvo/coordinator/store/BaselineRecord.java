package io.salvo.coordinator.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A plan's comparison settings: the run its later runs are compared with by default, and the
 * tolerances of its comparisons. Keyed by the plan's name, so every version of a plan shares them.
 */
@Entity
@Table(name = "salvo_baseline")
public class BaselineRecord {
  @Id
  @Column(length = 64)
  public String planName;

  /** The baseline run, or null when the plan only has tolerances. */
  @Column(length = 40)
  public String runId;

  /** A tolerance spec ({@code p99=10%,...}) applied over the defaults, or null. */
  @Column(length = 1000)
  public String tolerances;

  @Column(nullable = false, length = 80)
  public String updatedBy;

  @Column(nullable = false)
  public Instant updatedAt;

  protected BaselineRecord() {}

  public BaselineRecord(
      String planName, String runId, String tolerances, String updatedBy, Instant updatedAt) {
    this.planName = planName;
    this.runId = runId;
    this.tolerances = tolerances;
    this.updatedBy = updatedBy;
    this.updatedAt = updatedAt;
  }
}
