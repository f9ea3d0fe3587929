package io.salvo.coordinator.store;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A scenario's merged result: over the whole run ({@code second} = -1) or one second of the merged
 * series. Key figures are columns, for history queries; the snapshot holds the merged histograms.
 */
@Entity
@Table(name = "salvo_merged")
public class MergedRecord {
  public static final int TOTAL = -1;

  @EmbeddedId public ScenarioKey key;

  @Column(nullable = false, length = Snapshots.MAX_LENGTH)
  public String snapshot;

  public long requests;

  public long errors;

  public double p99Ms;

  protected MergedRecord() {}

  public MergedRecord(ScenarioKey key, String snapshot, long requests, long errors, double p99Ms) {
    this.key = key;
    this.snapshot = snapshot;
    this.requests = requests;
    this.errors = errors;
    this.p99Ms = p99Ms;
  }
}
