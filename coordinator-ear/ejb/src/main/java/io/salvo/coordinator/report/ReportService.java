package io.salvo.coordinator.report;

import io.salvo.cluster.AgentDirectory;
import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.agents.AgentRegistry;
import io.salvo.coordinator.store.IntervalRecord;
import io.salvo.coordinator.store.MergedRecord;
import io.salvo.coordinator.store.RunPlans;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.engine.cluster.ReportAssembler;
import io.salvo.message.FinalResult;
import io.salvo.message.MessageCodec;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.plan.Plan;
import io.salvo.report.IntervalLog;
import io.salvo.report.Report;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.ScenarioStats;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A finished run's report, read back from the database (also after a coordinator restart). */
@Stateless
public class ReportService {
  @EJB RunStore store;

  @EJB AgentRegistry registry;

  public Report report(String runId) {
    RunRecord r = finished(runId);
    Plan plan = RunPlans.effective(r);
    Map<String, ScenarioStats> totals = ReportAssembler.sum(plan, List.of());
    TreeMap<Integer, IntervalStats> seconds = new TreeMap<>();
    for (MergedRecord m : store.merged(runId)) {
      ScenarioStats s = MessageCodec.fromJson(m.snapshot, ScenarioSnapshot.class).toStats();
      if (m.key.second == MergedRecord.TOTAL) {
        ScenarioStats t = totals.get(s.name());
        if (t != null) {
          t.add(s);
        }
      } else {
        seconds.computeIfAbsent(m.key.second, IntervalStats::new).add(s);
      }
    }
    List<FinalResult> finals = store.finals(runId);
    Map<String, String> groups = r.nodeGroupMap();
    if (groups == null) {
      // A run stored before groups were: the groups its agents have now, if still known.
      groups = new HashMap<>();
      AgentDirectory d = registry.directory();
      for (String node : r.nodeList()) {
        AgentDirectory.Agent a = d.get(node);
        groups.put(node, a != null ? a.group() : null);
      }
    }
    List<String> notes = new ArrayList<>();
    if (r.message != null && (r.state != RunState.COMPLETED || r.degraded)) {
      notes.add(r.message);
    }
    String forced =
        switch (r.state) {
          case STOPPED -> "STOPPED";
          case FAILED -> "ERROR";
          default -> null;
        };
    return ReportAssembler.assemble(
        new ReportAssembler.Outcome(
            runId,
            plan,
            forced,
            r.startAtMillis == null ? r.createdAt : Instant.ofEpochMilli(r.startAtMillis),
            r.endedAt,
            totals,
            new ArrayList<>(seconds.values()),
            finals,
            groups,
            unfinished(plan, r, finals),
            r.lostNodeList(),
            notes));
  }

  /**
   * A finished run's merged seconds as an HdrHistogram interval log ({@code latency.hlog}), the
   * same file a single-node run writes: one histogram per scenario (and step) per second.
   */
  public String intervalLog(String runId) {
    RunRecord r = finished(runId);
    TreeMap<Integer, IntervalStats> seconds = new TreeMap<>();
    for (MergedRecord m : store.merged(runId)) {
      if (m.key.second != MergedRecord.TOTAL) {
        ScenarioStats s = MessageCodec.fromJson(m.snapshot, ScenarioSnapshot.class).toStats();
        seconds.computeIfAbsent(m.key.second, IntervalStats::new).add(s);
      }
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    long start = r.startAtMillis == null ? r.createdAt.toEpochMilli() : r.startAtMillis;
    try (IntervalLog log =
        new IntervalLog(
            new java.io.PrintStream(bytes, false, java.nio.charset.StandardCharsets.UTF_8),
            start)) {
      seconds.values().forEach(log::write);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private RunRecord finished(String runId) {
    RunRecord r = store.run(runId);
    if (r == null) {
      throw new InvalidRequestException(404, "runId", "no run " + runId);
    }
    if (!r.state.finished()) {
      throw new InvalidRequestException(
          409, "runId", "run " + runId + " is " + r.state + "; its report is ready when it ends");
    }
    return r;
  }

  /**
   * The part of each node of the run that sent no final result: the interval results it sent, as
   * stored. The report lists these nodes with these figures, and a run's totals include them.
   */
  public Map<String, Map<String, ScenarioStats>> unfinished(
      Plan plan, RunRecord r, List<FinalResult> finals) {
    List<String> nodes = ReportAssembler.unfinishedNodes(r.nodeList(), finals);
    List<ReportAssembler.NodeInterval> intervals = new ArrayList<>();
    if (!nodes.isEmpty()) {
      for (IntervalRecord i : store.intervals(r.id, nodes)) {
        intervals.add(
            new ReportAssembler.NodeInterval(i.key.nodeId, i.key.second, i.scenario().toStats()));
      }
    }
    return ReportAssembler.unfinished(plan, nodes, intervals);
  }
}
