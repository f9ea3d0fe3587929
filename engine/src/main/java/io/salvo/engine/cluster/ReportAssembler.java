package io.salvo.engine.cluster;

import io.salvo.engine.node.ResultOutbox;
import io.salvo.message.FinalResult;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import io.salvo.report.Report;
import io.salvo.report.ReportBuilder;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.ScenarioStats;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a cluster run's report from merged results: the same schema as a single-node run, plus
 * each node's part ({@code agents[]}) and the measured start skew. Plain Java.
 */
public final class ReportAssembler {
  /**
   * What is known of a finished run.
   *
   * @param unfinished the nodes that sent no final result, each with the sum of the interval
   *     results it sent
   * @param lost the nodes among those that were lost (went silent); the others were cut short when
   *     the run ended
   */
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
      Map<String, Map<String, ScenarioStats>> unfinished,
      List<String> lost,
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
      f.origins().forEach(b::origin);
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
      b.node(
          new ReportBuilder.NodePart(
              f.nodeId(),
              o.groups().get(f.nodeId()),
              f.error() == null ? Report.AgentReport.FINISHED : Report.AgentReport.FAILED,
              offset,
              parts));
      if (f.error() != null) {
        b.note("node " + f.nodeId() + " could not run: " + f.error());
      }
      if (f.droppedIntervals() > 0) {
        b.note(
            "node "
                + f.nodeId()
                + " dropped "
                + f.droppedIntervals()
                + " per-second results: the broker was unreachable for longer than its buffer"
                + " holds ("
                + ResultOutbox.DEFAULT_CAPACITY
                + " results); those seconds are missing from the timeline, its totals are whole");
      }
    }
    o.unfinished()
        .forEach(
            (node, parts) ->
                b.node(
                    new ReportBuilder.NodePart(
                        node,
                        o.groups().get(node),
                        o.lost().contains(node)
                            ? Report.AgentReport.LOST
                            : Report.AgentReport.INCOMPLETE,
                        null,
                        parts)));
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

  /** Adds each node's part to the totals, scenario by scenario. */
  public static void addUp(
      Map<String, ScenarioStats> totals, Map<String, Map<String, ScenarioStats>> parts) {
    for (Map<String, ScenarioStats> node : parts.values()) {
      for (ScenarioStats s : node.values()) {
        totals.get(s.name()).add(s);
      }
    }
  }

  /**
   * What each node without a final result sent in its interval results, per scenario: its part of a
   * run it did not finish. The measured window is the seconds it reported.
   */
  public static Map<String, Map<String, ScenarioStats>> unfinished(
      Plan plan, List<String> unfinishedNodes, List<NodeInterval> intervals) {
    Map<String, Map<String, ScenarioStats>> out = new LinkedHashMap<>();
    for (String node : unfinishedNodes) {
      out.put(node, sum(plan, List.of()));
    }
    Map<String, Integer> seconds = new HashMap<>();
    for (NodeInterval i : intervals) {
      Map<String, ScenarioStats> parts = out.get(i.node());
      ScenarioStats s = parts == null ? null : parts.get(i.stats().name());
      if (s != null) {
        s.add(i.stats());
        seconds.merge(i.node(), i.second() + 1, Math::max);
      }
    }
    out.forEach(
        (node, parts) ->
            parts
                .values()
                .forEach(s -> s.measured(seconds.getOrDefault(node, 0) * 1_000_000_000L)));
    return out;
  }

  /** The nodes, in order, that sent no final result. */
  public static List<String> unfinishedNodes(List<String> nodes, List<FinalResult> finals) {
    Set<String> finished = new HashSet<>();
    finals.forEach(f -> finished.add(f.nodeId()));
    return nodes.stream().filter(n -> !finished.contains(n)).toList();
  }

  /** One second of one scenario as one node sent it. */
  public record NodeInterval(String node, int second, ScenarioStats stats) {}

  /** Every node's totals added: the exact merge of the whole run. */
  public static Map<String, ScenarioStats> sum(Plan plan, List<FinalResult> finals) {
    Map<String, ScenarioStats> out = new LinkedHashMap<>();
    for (Scenario s : plan.scenarios()) {
      out.put(s.name(), new ScenarioStats(s.name(), s.stepNames()));
    }
    for (FinalResult f : finals) {
      for (ScenarioSnapshot s : f.scenarios()) {
        out.get(s.name()).add(s.toStats());
      }
    }
    return out;
  }
}
