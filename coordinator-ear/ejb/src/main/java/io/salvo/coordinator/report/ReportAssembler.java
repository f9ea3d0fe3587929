package io.salvo.coordinator.report;

import io.salvo.message.FinalResult;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import io.salvo.report.Report;
import io.salvo.report.ReportBuilder;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.ScenarioStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a cluster run's report from merged results: the same schema as a single-node run, plus
 * each node's part ({@code agents[]}) and the measured start skew. Plain Java.
 */
public final class ReportAssembler {
  /** What is known of a finished run. */
  public record Outcome(
      String runId,
      Plan plan,
      String forcedStatus,
      Instant startedAt,
      Instant endedAt,
      Map<String, ScenarioStats> totals,
      List<IntervalStats> timeline,
      List<FinalResult> finals,
      Map<String, String> groups,
      List<String> notes) {}

  private ReportAssembler() {}

  public static Report assemble(Outcome o) {
    ReportBuilder b = new ReportBuilder(o.runId(), o.plan());
    for (Scenario s : o.plan().scenarios()) {
      b.distribution(s.name(), distribution(o.plan(), s.name()));
    }
    o.totals().values().forEach(b::add);
    o.timeline().forEach(b::interval);
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (FinalResult f : o.finals()) {
      if (f.error() == null) {
        first = Math.min(first, f.startedAtMillis());
        last = Math.max(last, f.startedAtMillis());
      }
    }
    for (FinalResult f : o.finals()) {
      Map<String, ScenarioStats> parts = new LinkedHashMap<>();
      for (ScenarioSnapshot s : f.scenarios()) {
        parts.put(s.name(), s.toStats());
      }
      Double offset = first == Long.MAX_VALUE ? null : (double) (f.startedAtMillis() - first);
      b.node(new ReportBuilder.NodePart(f.nodeId(), o.groups().get(f.nodeId()), offset, parts));
      if (f.error() != null) {
        b.note("node " + f.nodeId() + " could not run: " + f.error());
      }
    }
    if (first != Long.MAX_VALUE && o.finals().size() > 1) {
      b.startSkewMs((double) (last - first));
    }
    o.notes().forEach(b::note);
    if (o.forcedStatus() != null) {
      b.status(o.forcedStatus());
    }
    return b.times(o.startedAt(), o.endedAt()).build();
  }

  /** How the report describes where a scenario ran. */
  public static String distribution(Plan plan, String scenario) {
    if (plan.cluster().runsOnCoordinator(scenario)) {
      return "coordinator";
    }
    return plan.cluster().replicated(scenario) ? "replicated" : "split";
  }

  /**
   * The totals of a run some node never finished: every merged second, with each scenario's
   * measured window taken from the nodes that did finish (or the seconds merged).
   */
  public static Map<String, ScenarioStats> partial(
      Plan plan, Map<String, ScenarioStats> soFar, List<FinalResult> finals, int secondsMerged) {
    Map<String, ScenarioStats> out = sum(plan, List.of());
    soFar.values().forEach(s -> out.get(s.name()).add(s));
    for (ScenarioStats s : out.values()) {
      long measured = 0;
      for (FinalResult f : finals) {
        for (ScenarioSnapshot snap : f.scenarios()) {
          if (snap.name().equals(s.name())) {
            measured = Math.max(measured, snap.measuredNanos());
          }
        }
      }
      s.measured(measured > 0 ? measured : secondsMerged * 1_000_000_000L);
    }
    return out;
  }

  /** Every node's totals added: the exact merge of the whole run. */
  public static Map<String, ScenarioStats> sum(Plan plan, List<FinalResult> finals) {
    Map<String, ScenarioStats> out = new LinkedHashMap<>();
    for (Scenario s : plan.scenarios()) {
      out.put(
          s.name(), new ScenarioStats(s.name(), s.requests().stream().map(r -> r.name()).toList()));
    }
    for (FinalResult f : finals) {
      for (ScenarioSnapshot s : f.scenarios()) {
        out.get(s.name()).add(s.toStats());
      }
    }
    return out;
  }
}
