package io.salvo.coordinator.store;

/** How stored snapshots are sized. */
final class Snapshots {
  /**
   * Snapshots (JSON with base64 histograms, a few KB per scenario) are kept inline as {@code
   * varchar}: a CLOB costs H2 a separate LOB store and a lookup per row, which measurably slowed
   * the ingestion of results. One million characters is within H2's and PostgreSQL's limits.
   */
  static final int MAX_LENGTH = 1_000_000;

  private Snapshots() {}
}
