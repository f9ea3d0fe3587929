package io.salvo.coordinator.store;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A node's final result: its totals per scenario with their histograms, and its start. */
@Entity
@Table(name = "salvo_node_result")
public class NodeResultRecord {
  @EmbeddedId public NodeKey key;

  /** The {@code FinalResult} message as received. */
  @Column(nullable = false, length = Snapshots.MAX_LENGTH)
  public String result;

  public long requests;

  protected NodeResultRecord() {}

  public NodeResultRecord(NodeKey key, String result, long requests) {
    this.key = key;
    this.result = result;
    this.requests = requests;
  }
}
