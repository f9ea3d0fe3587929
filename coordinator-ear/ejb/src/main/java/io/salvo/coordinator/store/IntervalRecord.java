package io.salvo.coordinator.store;

import io.salvo.message.MessageCodec;
import io.salvo.message.ScenarioSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One node's second of one scenario, as received: a {@code ScenarioSnapshot} in JSON. */
@Entity
@Table(name = "salvo_node_interval")
public class IntervalRecord {
  @EmbeddedId public IntervalKey key;

  @Column(nullable = false, length = Snapshots.MAX_LENGTH)
  public String snapshot;

  protected IntervalRecord() {}

  public IntervalRecord(IntervalKey key, String snapshot) {
    this.key = key;
    this.snapshot = snapshot;
  }

  /** The scenario's second as the node sent it. */
  public ScenarioSnapshot scenario() {
    return MessageCodec.fromJson(snapshot, ScenarioSnapshot.class);
  }
}
