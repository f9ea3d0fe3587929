package io.salvo.coordinator.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A setting an admin changed through the API, which replaces the server's configured one. */
@Entity
@Table(name = "salvo_setting")
public class SettingRecord {
  @Id
  @Column(name = "setting_key", length = 64)
  public String key;

  @Column(name = "setting_value", nullable = false, length = 8192)
  public String value;

  @Column(nullable = false, length = 80)
  public String updatedBy;

  @Column(nullable = false)
  public Instant updatedAt;

  protected SettingRecord() {}

  public SettingRecord(String key, String value, String updatedBy, Instant updatedAt) {
    this.key = key;
    this.value = value;
    this.updatedBy = updatedBy;
    this.updatedAt = updatedAt;
  }
}
