package io.salvo.coordinator.run;

import io.salvo.coordinator.agents.AgentRegistry;
import io.salvo.coordinator.report.ReportService;
import io.salvo.coordinator.store.MergedRecord;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.engine.cluster.ReportAssembler;
import io.salvo.engine.cluster.RunLifecycle;
import io.salvo.message.FinalResult;
import io.salvo.report.Report;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.ScenarioStats;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Ends a run once every node reported (or it failed): judges thresholds on the merged data and
 * stores the merged per-scenario totals and per-second series. Of concurrent callers exactly one
 * does it (a conditional state change in the same transaction).
 */
@Stateless
// Its own transaction: it is called after another one committed (a result arrived) or by a timer.
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RunFinisher {
  private static final Logger LOG = Logger.getLogger(RunFinisher.class.getName());

  @EJB RunStore store;

  @EJB LiveRuns live;

  @EJB AgentRegistry registry;

  @EJB ReportService reports;

  /**
   * @param failure why the run fails, or null when it ends normally
   */
  public void finish(String runId, String failure) {
    LiveRuns.Active a = live.get(runId);
    RunRecord r = store.run(runId);
    if (a == null || r == null) {
      return;
    }
    // No result is stored or merged from here on: the report is made of exactly what was stored.
    a.live().seal();
    List<FinalResult> finals = new ArrayList<>(a.live().finals());
    boolean degraded = !a.live().abandoned().isEmpty();
    RunLifecycle.Ending ending =
        RunLifecycle.ending(failure, finals, r.state == RunState.STOPPING, a.live().abandoned());
    RunState to = RunState.valueOf(ending.state().name());
    String message = ending.message();
    if (!store.transition(runId, EnumSet.of(RunState.RUNNING, RunState.STOPPING), to, message)) {
      return;
    }
    boolean whole = a.live().complete() && !degraded && failure == null;
    List<IntervalStats> timeline = a.live().timeline();
    // A node without a final result counts with the intervals it sent, as its report entry does.
    Map<String, ScenarioStats> totals = ReportAssembler.sum(a.plan(), finals);
    if (!whole) {
      ReportAssembler.addUp(totals, reports.unfinished(a.plan(), r, finals));
    }
    for (ScenarioStats s : totals.values()) {
      store.saveMerged(runId, MergedRecord.TOTAL, s);
    }
    for (IntervalStats i : timeline) {
      for (ScenarioStats s : i.scenarios().values()) {
        store.saveMerged(runId, i.second(), s);
      }
    }
    Instant ended = Instant.now();
    Report report =
        ReportAssembler.assemble(
            new ReportAssembler.Outcome(
                runId,
                a.plan(),
                null,
                Instant.ofEpochMilli(a.startAtMillis()),
                ended,
                totals,
                List.of(),
                finals,
                Map.of(),
                Map.of(),
                List.of(),
                List.of()));
    store.finish(
        runId,
        to == RunState.COMPLETED ? report.status() : null,
        report.startSkewMs(),
        degraded,
        ended);
    live.close(runId);
    LOG.info(
        "run "
            + runId
            + " "
            + to
            + (to == RunState.COMPLETED ? " " + report.status() : "")
            + ": "
            + report.total().requests()
            + " requests"
            + (message == null ? "" : " (" + message + ")"));
  }
}
