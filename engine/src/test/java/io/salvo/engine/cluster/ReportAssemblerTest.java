package io.salvo.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import io.salvo.report.Report;
import io.salvo.stats.ScenarioStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportAssemblerTest {
  private static final Plan PLAN = plan();

  private static Plan plan() {
    try {
      return PlanParser.parse(
          "p.yaml",
          "target: {baseUrl: \"http://127.0.0.1:1\"}\n"
              + "scenarios:\n"
              + "  - name: load\n"
              + "    steps: [{request: {path: /}}]\n"
              + "    load: [{constantRate: {rate: 100, duration: 10s}}]\n",
          PlanFormat.YAML);
    } catch (PlanException e) {
      throw new AssertionError(e);
    }
  }

  private static ScenarioStats stats(int requests, long firstMicros) {
    ScenarioStats s = new ScenarioStats("load", List.of("GET /"));
    for (int i = 0; i < requests; i++) {
      s.step("GET /").recordResponse((firstMicros + i) * 1_000L, 200, true, 1);
    }
    s.measured(1_000_000_000L);
    return s;
  }

  private static FinalResult fin(String node, ScenarioStats s, String error) {
    return fin(node, s, error, 0);
  }

  private static FinalResult fin(String node, ScenarioStats s, String error, long dropped) {
    s.measured(10_000_000_000L);
    return new FinalResult(
        ClusterMessage.VERSION,
        "c",
        node,
        "r",
        List.of(ScenarioSnapshot.of(s)),
        1_000,
        0,
        0,
        10,
        false,
        error,
        null,
        dropped);
  }

  /** The report of a run of {@link #PLAN} whose totals are the final results. */
  private static Report assemble(
      List<FinalResult> finals,
      Map<String, String> groups,
      Map<String, Map<String, ScenarioStats>> unfinished,
      List<String> lost,
      List<String> notes) {
    return ReportAssembler.assemble(
        new ReportAssembler.Outcome(
            "r",
            PLAN,
            null,
            Instant.EPOCH,
            Instant.EPOCH,
            ReportAssembler.sum(PLAN, finals),
            List.of(),
            finals,
            groups,
            unfinished,
            lost,
            notes));
  }

  /** The report of a run of nodes a and b that both sent their final results. */
  private static Report assembleFinished(List<FinalResult> finals) {
    return assemble(
        finals,
        Map.of(),
        ReportAssembler.unfinished(
            PLAN, ReportAssembler.unfinishedNodes(List.of("a", "b"), finals), List.of()),
        List.of(),
        List.of());
  }

  @Test
  void aNodeWithoutAFinalResultIsReportedWithWhatItsIntervalsCarried() {
    List<FinalResult> finals = List.of(fin("a", stats(500, 100), null));
    List<ReportAssembler.NodeInterval> intervals = new ArrayList<>();
    for (int second = 0; second < 4; second++) {
      intervals.add(new ReportAssembler.NodeInterval("b", second, stats(50, 1_000 * second)));
      intervals.add(new ReportAssembler.NodeInterval("a", second, stats(50, 7)));
    }
    Map<String, Map<String, ScenarioStats>> unfinished =
        ReportAssembler.unfinished(
            PLAN, ReportAssembler.unfinishedNodes(List.of("a", "b", "c"), finals), intervals);
    assertEquals(List.of("b", "c"), List.copyOf(unfinished.keySet()));
    assertEquals(200, unfinished.get("b").get("load").total().requests());
    assertEquals(4_000_000_000L, unfinished.get("b").get("load").measuredNanos());
    assertEquals(0, unfinished.get("c").get("load").total().requests());

    Report r =
        assemble(
            finals,
            Map.of("a", "g", "b", "g"),
            unfinished,
            List.of("b"),
            List.of("degraded: agent b was lost"));
    assertEquals(List.of("a", "b", "c"), r.agents().stream().map(Report.AgentReport::id).toList());
    assertEquals(
        List.of(
            Report.AgentReport.FINISHED, Report.AgentReport.LOST, Report.AgentReport.INCOMPLETE),
        r.agents().stream().map(Report.AgentReport::state).toList());
    Report.AgentReport lost = r.agents().get(1);
    assertEquals(200, lost.figures().requests());
    assertEquals(50.0, lost.figures().throughput(), 1e-9, "200 requests over the 4 s it reported");
    assertNull(lost.startOffsetMs(), "a lost node's start is not known");
    assertEquals(List.of("degraded: agent b was lost"), r.notes());
  }

  @Test
  void aNodeThatCouldNotRunIsMarkedFailed() {
    List<FinalResult> finals =
        List.of(fin("a", stats(10, 1), null), fin("b", stats(0, 1), "connection refused"));
    Report r = assembleFinished(finals);
    assertEquals(
        List.of(Report.AgentReport.FINISHED, Report.AgentReport.FAILED),
        r.agents().stream().map(Report.AgentReport::state).toList());
    assertEquals(List.of("node b could not run: connection refused"), r.notes());
  }

  @Test
  void aNodeThatDroppedSecondsSaysSoAndKeepsItsTotals() {
    List<FinalResult> finals =
        List.of(fin("a", stats(10, 1), null, 7), fin("b", stats(5, 1), null));
    Report r = assembleFinished(finals);
    assertEquals(15, r.total().requests());
    assertEquals(
        List.of(
            "node a dropped 7 per-second results: the broker was unreachable for longer than its"
                + " buffer holds (3600 results); those seconds are missing from the timeline, its"
                + " totals are whole"),
        r.notes());
  }
}
