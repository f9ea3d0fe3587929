package io.salvo.coordinator.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A plan as it was uploaded. */
@Entity
@Table(name = "salvo_plan")
public class PlanRecord {
  @Id
  @Column(length = 40)
  public String id;

  @Column(nullable = false, length = 64)
  public String name;

  @Column(nullable = false, length = 8)
  public String format;

  @Column(nullable = false, length = Integer.MAX_VALUE)
  public String source;

  @Column(nullable = false)
  public Instant createdAt;

  protected PlanRecord() {}

  public PlanRecord(String id, String name, String format, String source, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.format = format;
    this.source = source;
    this.createdAt = createdAt;
  }
}
