package io.salvo.coordinator.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An API token: its SHA-256 only, never the token itself. Revoking one deletes its row. */
@Entity
@Table(name = "salvo_api_token")
public class TokenRecord {
  @Id
  @Column(length = 16)
  public String id;

  @Column(nullable = false, length = 64)
  public String name;

  @Column(nullable = false, length = 16)
  public String role;

  @Column(nullable = false, unique = true, length = 64)
  public String hash;

  @Column(nullable = false, length = 80)
  public String createdBy;

  @Column(nullable = false)
  public Instant createdAt;

  /** When the token was last used, to the minute. */
  public Instant lastUsedAt;

  protected TokenRecord() {}

  TokenRecord(String id, String name, Role role, String hash, String createdBy, Instant at) {
    this.id = id;
    this.name = name;
    this.role = role.id();
    this.hash = hash;
    this.createdBy = createdBy;
    this.createdAt = at;
  }
}
