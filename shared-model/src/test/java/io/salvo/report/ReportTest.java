package io.salvo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.ScenarioStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static Plan plan(String thresholds) throws Exception {
    return PlanParser.parse(
        "t.yaml",
        """
        target: {baseUrl: "http://127.0.0.1:1"}
        scenarios:
          - name: browse
            steps: [{request: {path: /a}}, {request: {path: /b}}]
            load: [{constantRate: {rate: 10, duration: 10s}}]
        thresholds:
        """
            + thresholds);
  }

  /** 10 seconds of 100 requests: latencies 1..100 ms; 5 of them 503s; one timeout. */
  private static ReportBuilder builder(Plan plan) {
    ReportBuilder b = new ReportBuilder("run-1", plan);
    List<IntervalStats> timeline = new ArrayList<>();
    for (int sec = 0; sec < 10; sec++) {
      ScenarioStats s = new ScenarioStats("browse", List.of("GET /a", "GET /b"));
      for (int i = 1; i <= 100; i++) {
        int status = sec == 0 && i <= 5 ? 503 : 200;
        s.step(i % 2 == 0 ? "GET /a" : "GET /b")
            .recordResponse(i * 1_000_000L, status, status < 400, 50);
      }
      s.countSessions(100, 0, 0);
      s.measured(10_000_000_000L);
      IntervalStats interval = new IntervalStats(sec);
      interval.add(s);
      timeline.add(interval);
      b.add(s);
    }
    ScenarioStats timeout = new ScenarioStats("browse", List.of("GET /a", "GET /b"));
    timeout.step("GET /a").recordFailure(ErrorKind.TIMEOUT);
    b.add(timeout);
    return b.timeline(timeline)
        .times(Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:10Z"));
  }

  @Test
  void reportJsonHasTheDocumentedFields() throws Exception {
    Report r = builder(plan("  - p99 < 200ms\n  - errorRate < 0.5%\n")).build();
    JsonNode json = new ObjectMapper().readTree(ReportJson.write(r));
    assertEquals("salvo-report/1", json.get("schema").asText());
    assertEquals("run-1", json.get("runId").asText());
    assertEquals("FAILED", json.get("status").asText());
    JsonNode s = json.get("scenarios").get(0);
    assertEquals("browse", s.get("name").asText());
    assertEquals(1001, s.get("requests").asLong());
    assertEquals(100.1, s.get("throughput").asDouble(), 1e-9);
    assertEquals(6, s.get("errors").asLong());
    assertEquals(1, s.get("timeouts").asLong());
    assertEquals(995, s.get("status").get("2xx").asLong());
    assertEquals(5, s.get("status").get("5xx").asLong());
    for (String f : List.of("mean", "p50", "p90", "p99", "p999", "max")) {
      assertTrue(s.get("latencyMs").has(f), f);
    }
    assertEquals(99.0, s.get("latencyMs").get("p99").asDouble(), 0.1);
    assertEquals(100.0, s.get("latencyMs").get("max").asDouble(), 0.1);
    assertEquals(2, s.get("steps").size());
    assertEquals("GET /a", s.get("steps").get(0).get("name").asText());
    JsonNode t = json.get("thresholds");
    assertTrue(t.get(0).get("passed").asBoolean());
    assertEquals("errorRate < 0.5%", t.get(1).get("condition").asText());
    assertFalse(t.get(1).get("passed").asBoolean());
    assertEquals(10, json.get("timeline").size());
    assertTrue(json.get("agents").isArray());
  }

  @Test
  void reportJsonReadsBack() throws Exception {
    Report r = builder(plan("  - p99 < 200ms\n")).build();
    Report back = ReportJson.read(ReportJson.write(r));
    assertEquals(r, back);
    assertEquals("PASSED", back.status());
  }

  @Test
  void thresholdsAreJudgedOnMergedData() throws Exception {
    Report r =
        builder(
                plan(
                    "  - p50 <= 51ms\n  - {scenario: browse, condition: max < 100ms}\n"
                        + "  - throughput >= 100/s\n  - requests == 1001\n  - errors < 6\n"))
            .build();
    List<Boolean> verdicts = r.thresholds().stream().map(Report.ThresholdVerdict::passed).toList();
    assertEquals(List.of(true, false, true, true, false), verdicts);
    assertEquals("FAILED", r.status());
    assertEquals(100.1, r.thresholds().get(2).actual(), 1e-9);
  }

  @Test
  void anEmptyRunPassesNoLatencyThreshold() throws Exception {
    Plan plan = plan("  - p99 < 200ms\n");
    Report r = new ReportBuilder("run-2", plan).build();
    assertFalse(r.thresholds().get(0).passed());
  }

  @Test
  void tableAndHtmlShowTheFigures() throws Exception {
    Report r = builder(plan("  - p99 < 200ms\n")).build();
    String table = StatsTable.render(r);
    assertTrue(table.contains("SCENARIO/STEP"), table);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("browse") && l.contains("1001")), table);
    assertTrue(table.contains("PASS  p99 < 200ms"), table);
    assertTrue(table.contains("RESULT: PASSED"), table);
    String html = HtmlReport.render(r);
    assertTrue(html.contains("<svg"), "charts are inline SVG");
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("<link"), "no external resources");
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "nothing fetched");
    assertTrue(html.contains("Latency of browse"));
    assertTrue(html.contains("Errors per second"));
    // The percentile plot: the axis labelled in nines, the line through the merged histogram.
    assertTrue(html.contains("Latency by percentile"));
    for (String tick : List.of(">0%<", ">90%<", ">99%<", ">99.9%<")) {
      assertTrue(html.contains(tick), tick);
    }
  }

  @Test
  void intervalLogIsReadableByHdrHistogram() throws Exception {
    Report unused = builder(plan("  - p99 < 1s\n")).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IntervalLog log =
        new IntervalLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1_700_000_000_000L);
    ScenarioStats s = new ScenarioStats("browse", List.of("GET /a", "GET /b"));
    s.step("GET /a").recordResponse(5_000_000, 200, true, 1);
    s.step("GET /b").recordResponse(7_000_000, 200, true, 1);
    IntervalStats i = new IntervalStats(4);
    i.add(s);
    log.write(i);
    HistogramLogReader reader =
        new HistogramLogReader(new ByteArrayInputStream(bytes.toByteArray()));
    Histogram total = (Histogram) reader.nextIntervalHistogram();
    assertEquals("browse", total.getTag());
    assertEquals(2, total.getTotalCount());
    assertEquals(1_700_000_004_000L, total.getStartTimeStamp());
    Histogram step = (Histogram) reader.nextIntervalHistogram();
    assertEquals("browse/GET_/a", step.getTag());
    assertEquals(5000, step.getMaxValue(), 5);
  }
}
