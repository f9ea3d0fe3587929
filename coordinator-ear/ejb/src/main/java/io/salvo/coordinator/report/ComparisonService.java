package io.salvo.coordinator.report;

import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.store.BaselineRecord;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.report.Comparison;
import io.salvo.report.Report;
import io.salvo.report.Tolerances;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;

/**
 * Compares stored runs ({@link Comparison}) and keeps each plan's baseline and tolerances. The
 * tolerances of a comparison are the defaults, then the plan's, then the request's.
 */
@Stateless
public class ComparisonService {
  /** The word that names a plan's baseline where a run id is expected. */
  public static final String BASELINE = "baseline";

  @EJB RunStore store;

  @EJB ReportService reports;

  /**
   * @param candidateId the run judged
   * @param baseId the run it is compared with, or {@link #BASELINE} for its plan's baseline
   * @param tolerances a tolerance spec applied over the plan's, or null
   */
  public Comparison compare(String candidateId, String baseId, String tolerances) {
    RunRecord candidate = store.run(candidateId);
    if (candidate == null) {
      throw new InvalidRequestException(404, "runId", "no run " + candidateId);
    }
    BaselineRecord settings = store.baseline(candidate.planName);
    if (BASELINE.equals(baseId)) {
      if (settings == null || settings.runId == null) {
        throw new InvalidRequestException(
            404,
            "baseline",
            "plan "
                + candidate.planName
                + " has no baseline; mark one with POST /api/runs/{id}/baseline or salvo baseline"
                + " RUN");
      }
      baseId = settings.runId;
    }
    Tolerances t;
    try {
      t = Tolerances.DEFAULTS.with(settings == null ? null : settings.tolerances).with(tolerances);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("tolerance", e.getMessage());
    }
    Report base = reports.report(baseId);
    Report cand = reports.report(candidateId);
    return Comparison.of(base, cand, t);
  }

  /**
   * Makes a finished run its plan's baseline, keeping the plan's tolerances.
   *
   * @throws InvalidRequestException 404 for an unknown run, 409 for one that has not completed
   */
  public BaselineRecord markBaseline(String runId, String by) {
    RunRecord r = store.run(runId);
    if (r == null) {
      throw new InvalidRequestException(404, "runId", "no run " + runId);
    }
    if (r.state != RunState.COMPLETED) {
      throw new InvalidRequestException(
          409,
          "runId",
          "run " + runId + " is " + r.state + "; only a completed run can be a baseline");
    }
    BaselineRecord old = store.baseline(r.planName);
    return store.setBaseline(
        new BaselineRecord(
            r.planName, runId, old == null ? null : old.tolerances, by, Instant.now()));
  }

  /**
   * Replaces a plan's settings.
   *
   * @param runId the baseline run (of that plan, completed), or null for none
   * @param tolerances a tolerance spec, or null for the defaults
   */
  public BaselineRecord set(String planName, String runId, String tolerances, String by) {
    if (tolerances != null) {
      try {
        tolerances = Tolerances.DEFAULTS.with(tolerances).spec();
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("tolerances", e.getMessage());
      }
    }
    if (runId != null) {
      RunRecord r = store.run(runId);
      if (r == null) {
        throw new InvalidRequestException("runId", "no run " + runId);
      }
      if (!r.planName.equals(planName)) {
        throw new InvalidRequestException(
            "runId", "run " + runId + " is of plan " + r.planName + ", not " + planName);
      }
      if (r.state != RunState.COMPLETED) {
        throw new InvalidRequestException(
            409,
            "runId",
            "run " + runId + " is " + r.state + "; only a completed run can be a baseline");
      }
    }
    return store.setBaseline(new BaselineRecord(planName, runId, tolerances, by, Instant.now()));
  }
}
