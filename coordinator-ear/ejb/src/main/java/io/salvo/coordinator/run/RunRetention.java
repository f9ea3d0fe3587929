package io.salvo.coordinator.run;

import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.store.BaselineRecord;
import io.salvo.coordinator.store.Retention;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunStore;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Deleting runs: one at a time (a user's), a policy applied on demand, and the configured retention
 * ({@code salvo.retention.keepPerPlan}, {@code salvo.retention.maxAge}) applied every hour. A run
 * in progress or a plan's baseline is never deleted. Each run goes in a transaction of its own.
 */
@Singleton
@Startup
public class RunRetention {
  private static final Logger LOG = Logger.getLogger(RunRetention.class.getName());

  @EJB RunStore store;

  @EJB RunRetention self;

  private Retention.Policy configured = Retention.Policy.NONE;

  @PostConstruct
  void init() {
    try {
      configured =
          Retention.Policy.of(
              System.getProperty("salvo.retention.keepPerPlan"),
              System.getProperty("salvo.retention.maxAge"));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("salvo.retention: " + e.getMessage(), e);
    }
    if (!configured.none()) {
      LOG.info(
          "runs are deleted every hour beyond the newest "
              + (configured.keepPerPlan() == null ? "(any)" : configured.keepPerPlan())
              + " of each plan and after "
              + (configured.maxAge() == null ? "(any age)" : configured.maxAge())
              + "; baselines are kept");
    }
  }

  /** The configured retention, every hour. */
  @Schedule(minute = "7", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void hourly() {
    if (!configured.none()) {
      List<String> gone = prune(configured);
      if (!gone.isEmpty()) {
        LOG.info("retention deleted " + gone.size() + " runs: " + gone);
      }
    }
  }

  /**
   * Deletes the runs a policy selects.
   *
   * @return their ids, oldest first
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<String> prune(Retention.Policy policy) {
    List<String> ids =
        Retention.select(
            store.retentionCandidates(), store.baselineRunIds(), policy, Instant.now());
    for (String id : ids) {
      self.deleteNow(id);
    }
    return ids;
  }

  /**
   * Deletes one run.
   *
   * @throws InvalidRequestException 404 for an unknown run, 409 for one in progress or a baseline
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void delete(String runId) {
    RunRecord r = store.run(runId);
    if (r == null) {
      throw new InvalidRequestException(404, "runId", "no run " + runId);
    }
    if (!r.state.finished()) {
      throw new InvalidRequestException(
          409, "runId", "run " + runId + " is " + r.state + "; stop it before deleting it");
    }
    BaselineRecord b = store.baseline(r.planName);
    if (b != null && runId.equals(b.runId)) {
      throw new InvalidRequestException(
          409,
          "runId",
          "run "
              + runId
              + " is the baseline of plan "
              + r.planName
              + "; mark another run as its baseline first");
    }
    store.deleteRun(runId);
    LOG.info("run " + runId + " deleted");
  }

  /** One run of a prune, in its own transaction. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void deleteNow(String runId) {
    store.deleteRun(runId);
  }
}
