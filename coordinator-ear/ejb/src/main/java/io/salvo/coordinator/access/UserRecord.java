package io.salvo.coordinator.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who signs in with HTTP Basic: a name, a role and a salted password hash. */
@Entity
@Table(name = "salvo_user")
public class UserRecord {
  @Id
  @Column(length = 64)
  public String name;

  @Column(nullable = false, length = 16)
  public String role;

  @Column(nullable = false, length = 160)
  public String passwordHash;

  @Column(nullable = false)
  public Instant updatedAt;

  protected UserRecord() {}

  UserRecord(String name, Role role, String passwordHash, Instant at) {
    this.name = name;
    this.role = role.id();
    this.passwordHash = passwordHash;
    this.updatedAt = at;
  }
}
