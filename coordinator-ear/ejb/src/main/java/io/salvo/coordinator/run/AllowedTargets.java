package io.salvo.coordinator.run;

import io.salvo.cluster.TargetAllowList;
import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.store.SettingRecord;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;

/**
 * Where this coordinator lets load go: the target allow-list an admin set through the API (kept in
 * the database, so it survives a restart), or else the one from the system property {@value
 * #PROPERTY} ({@link TargetAllowList#DEFAULT}, this machine only, when unset). An invalid property
 * stops the deployment with a message naming the entry, so a coordinator never runs with a list it
 * did not understand; an invalid list from an admin is refused with a 400 naming the entry. Agents
 * keep their own lists (their {@value #PROPERTY}): widening the coordinator's does not widen
 * theirs.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AllowedTargets {
  public static final String PROPERTY = "salvo.allowedTargets";
  static final String SETTING = "allowedTargets";
  static final int MAX_LENGTH = 8000;

  private static final Logger LOG = Logger.getLogger(AllowedTargets.class.getName());

  @PersistenceContext(unitName = "salvo")
  EntityManager em;

  /** The list in force and where it comes from. */
  public record Current(TargetAllowList list, String configured, String setBy, Instant setAt) {
    /** {@code admin} when an admin set it through the API, else {@code configuration}. */
    public String source() {
      return setBy == null ? "configuration" : "admin";
    }

    /** Where the list comes from, for messages: the property, or who set it. */
    public String origin() {
      return setBy == null ? PROPERTY : "set by " + setBy;
    }
  }

  private TargetAllowList configured;
  private volatile Current current;

  @PostConstruct
  void load() {
    configured = TargetAllowList.parse(System.getProperty(PROPERTY));
    current = new Current(configured, configured.toString(), null, null);
    SettingRecord s = em.find(SettingRecord.class, SETTING);
    if (s != null) {
      try {
        current =
            new Current(
                TargetAllowList.parse(s.value), configured.toString(), s.updatedBy, s.updatedAt);
      } catch (IllegalArgumentException e) {
        LOG.severe(
            "the allow-list an admin set cannot be read ("
                + e.getMessage()
                + "); using "
                + PROPERTY);
      }
    }
    LOG.info(
        "runs may send load to: "
            + current.list()
            + (current.setBy() == null
                ? " (" + PROPERTY + ")"
                : " (set by " + current.setBy() + ")"));
  }

  public TargetAllowList list() {
    return current.list();
  }

  public Current current() {
    return current;
  }

  /**
   * Replaces the list for every run from now on.
   *
   * @throws InvalidRequestException naming the entry that is not valid
   */
  public synchronized Current set(String entries, String by) {
    TargetAllowList list;
    try {
      if (entries == null || entries.isBlank()) {
        throw new IllegalArgumentException(
            "entries must name at least one host, range or 'loopback'");
      }
      if (entries.length() > MAX_LENGTH) {
        throw new IllegalArgumentException(
            "entries hold " + entries.length() + " characters; at most " + MAX_LENGTH);
      }
      list = TargetAllowList.parse(entries);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("entries", e.getMessage());
    }
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    SettingRecord s = em.find(SettingRecord.class, SETTING);
    if (s == null) {
      em.persist(new SettingRecord(SETTING, list.toString(), by, at));
    } else {
      s.value = list.toString();
      s.updatedBy = by;
      s.updatedAt = at;
    }
    // Stored first: a list the database refuses never comes into force.
    em.flush();
    current = new Current(list, configured.toString(), by, at);
    LOG.info("runs may send load to: " + list + " (set by " + by + ")");
    return current;
  }

  /** Goes back to the configured list. */
  public synchronized Current reset(String by) {
    SettingRecord s = em.find(SettingRecord.class, SETTING);
    if (s != null) {
      em.remove(s);
      em.flush();
    }
    current = new Current(configured, configured.toString(), null, null);
    LOG.info("runs may send load to: " + configured + " (" + PROPERTY + ", reset by " + by + ")");
    return current;
  }
}
