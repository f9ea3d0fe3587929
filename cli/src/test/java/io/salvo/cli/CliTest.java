package io.salvo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.target.TargetServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The salvo command in process, against a real target on 127.0.0.1. */
class CliTest {
  private static TargetServer target;

  @TempDir Path tmp;

  @BeforeAll
  static void startTarget() throws Exception {
    target = TargetServer.start(0, 1);
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  record Outcome(int code, String out, String err) {}

  static Outcome salvo(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Salvo.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertInvalid(Outcome o, String message) {
    assertEquals(2, o.code(), o.toString());
    assertTrue(o.err().contains(message), "stderr names the problem: " + o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
  }

  @Test
  void quickModeRunsAndWritesReports() throws Exception {
    target.reset();
    Path out = tmp.resolve("quick");
    Outcome o =
        salvo(
            "run",
            "--url",
            target.url() + "/",
            "--rate",
            "100",
            "--duration",
            "2s",
            "--out",
            out.toString(),
            "--threshold",
            "p99 < 1s",
            "--threads",
            "1");
    assertEquals(0, o.code(), o.toString());
    assertTrue(o.out().contains("RESULT: PASSED"), o.out());
    assertTrue(o.out().contains("[   1s]"), "a live line each second: " + o.out());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals("PASSED", report.get("status").asText());
    assertEquals(200, report.get("scenarios").get(0).get("requests").asLong());
    assertEquals(200, target.requests());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<svg"));
    HistogramLogReader hlog = new HistogramLogReader(out.resolve("latency.hlog").toString());
    long samples = 0;
    for (var h = hlog.nextIntervalHistogram(); h != null; h = hlog.nextIntervalHistogram()) {
      samples += ((org.HdrHistogram.Histogram) h).getTotalCount();
    }
    assertEquals(200, samples);
  }

  @Test
  void aFailedThresholdExitsWithOne() {
    Outcome o =
        salvo(
            "run",
            "--url",
            target.url() + "/delay/5",
            "--requests",
            "20",
            "--users",
            "2",
            "--out",
            tmp.resolve("t").toString(),
            "--threshold",
            "p50 < 1ms",
            "--quiet");
    assertEquals(1, o.code(), o.toString());
    assertTrue(o.out().contains("FAIL  p50 < 1ms"), o.out());
    assertTrue(o.out().contains("RESULT: FAILED"), o.out());
  }

  @Test
  void aPlanFileRuns() throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        "target: {baseUrl: \""
            + target.url()
            + "\"}\n"
            + "scenarios:\n"
            + "  - name: s\n"
            + "    steps: [{request: {path: /status/201, expect: {status: 201}}}]\n"
            + "    load: [{iterations: {users: 2, iterations: 5}}]\n"
            + "thresholds: [\"requests == 10\", \"errors == 0\"]\n");
    Outcome o = salvo("run", plan.toString(), "--out", tmp.resolve("p").toString(), "--quiet");
    assertEquals(0, o.code(), o.toString());
  }

  @Test
  void anInvalidPlanExitsWithTwoAndNamesLineAndField() throws Exception {
    Path plan = tmp.resolve("orders.yaml");
    Files.writeString(
        plan,
        """
        target: {baseUrl: "http://127.0.0.1:1"}
        scenarios:
          - name: orders
            steps: [{request: {path: /}}]
            load:
              - constantRate: {rate: -5, duration: 10s}
        """);
    Path out = tmp.resolve("never");
    Outcome o = salvo("run", plan.toString(), "--out", out.toString());
    assertInvalid(
        o, "orders.yaml:6:30: scenarios[0].load[0].constantRate.rate must be > 0, was -5");
    assertFalse(Files.exists(out), "nothing was started, not even the report directory");
  }

  @Test
  void badInputExitsWithTwo() {
    assertInvalid(salvo("run", tmp.resolve("missing.yaml").toString()), "no such file");
    assertInvalid(
        salvo("run", "--url", target.url(), "--rate", "-5", "--duration", "1s"),
        "--rate must be > 0, was -5");
    assertInvalid(salvo("run", "--url", target.url(), "--rate", "5"), "--duration is required");
    assertInvalid(
        salvo("run", "--url", target.url(), "--rate", "5", "--users", "2", "--duration", "1s"),
        "do not go together");
    assertInvalid(
        salvo("run", "--url", target.url(), "--rate", "5", "--duration", "ten"),
        "must be a duration");
    assertInvalid(
        salvo("run", "--url", target.url(), "--requests", "10", "--users", "3"),
        "multiple of --users");
    assertInvalid(
        salvo("run", "--url", "ftp://x/", "--rate", "5", "--duration", "1s"),
        "--url must be an http:// or https:// URL");
    assertInvalid(
        salvo(
            "run",
            "--url",
            target.url(),
            "--rate",
            "5",
            "--duration",
            "1s",
            "--threshold",
            "p99 < soon"),
        "limit of p99 must be a duration");
    assertInvalid(salvo("run", "--bogus"), "Unknown option: '--bogus'");
    assertInvalid(
        salvo("cluster", "up", "--allowed-targets", "loopback, 10.0.0.0/33"),
        "--allowed-targets: target allow-list entry '10.0.0.0/33' is not valid: the prefix length"
            + " must be 0 to 32");
    if (System.getenv("SALVO_DB_PASSWORD") == null) {
      assertInvalid(
          salvo("cluster", "up", "--db", "postgresql"),
          "--db postgresql needs the database password: set SALVO_DB_PASSWORD (or --db-password)");
    }
    assertInvalid(salvo("run"), "give a plan file, or --url");
    assertInvalid(salvo("launch"), "Unmatched argument");
    assertInvalid(
        salvo("run", "--url", target.url(), "--rate", "5", "--duration", "1s", "--threads", "0"),
        "--threads must be > 0");
  }

  @Test
  void valuesOutOfRangeAreRefused() {
    assertInvalid(
        salvo("run", "--url", target.url(), "--rate", "2e7", "--duration", "1s"),
        "must be at most 10000000 per second, was 20000000");
    assertInvalid(
        salvo("run", "--url", target.url(), "--rate", "5", "--duration", "800h"),
        "must be at most 744h (31 days), was '800h'");
    assertInvalid(
        salvo("run", "--url", "http://127.0.0.1:70000/", "--rate", "5", "--duration", "1s"),
        "a port is 1 to 65535");
  }

  @Test
  void warmupZeroMeansNoWarmUp() {
    target.reset();
    Outcome o =
        salvo(
            "run",
            "--url",
            target.url() + "/",
            "--rate",
            "20",
            "--duration",
            "1s",
            "--warmup",
            "0s",
            "--out",
            tmp.resolve("w").toString(),
            "--quiet");
    assertEquals(0, o.code(), o.toString());
    assertEquals(20, target.requests(), "no request beyond the measured phase");
  }

  @Test
  void everyCommandAnswersHelp() {
    List<List<String>> commands = new ArrayList<>();
    collect(new CommandLine(new Salvo()), new ArrayList<>(), commands);
    assertTrue(commands.size() > 8, "commands found: " + commands);
    for (var command : commands) {
      var args = new ArrayList<>(command);
      args.add("--help");
      Outcome o = salvo(args.toArray(String[]::new));
      assertEquals(0, o.code(), args + " -> " + o);
      assertTrue(o.out().contains("Usage: salvo"), args + " prints its usage: " + o.out());
    }
  }

  private static void collect(CommandLine cli, List<String> path, List<List<String>> into) {
    for (var entry : cli.getSubcommands().entrySet()) {
      var sub = new ArrayList<>(path);
      sub.add(entry.getKey());
      into.add(sub);
      collect(entry.getValue(), sub, into);
    }
  }

  @Test
  void anUnreachableTargetExitsWithTwoBeforeAnyLoad() {
    Outcome o =
        salvo(
            "run",
            "--url",
            "http://127.0.0.1:9/",
            "--rate",
            "5",
            "--duration",
            "1s",
            "--out",
            tmp.resolve("u").toString());
    assertInvalid(o, "cannot connect to http://127.0.0.1:9");
  }

  @Test
  void validateListsThePlanOrItsProblems() throws Exception {
    Path good = DemoCommand.materialize("demo.yaml", "http://127.0.0.1:1", tmp.resolve("demo"));
    Outcome ok = salvo("validate", good.toString());
    assertEquals(0, ok.code(), ok.toString());
    assertTrue(
        ok.out()
            .contains(
                "scenario browse: 2 request step(s); load constantRate -> rampRate -> constantRate"),
        ok.out());
    Path bad = tmp.resolve("bad.json");
    Files.writeString(
        bad, "{\"target\": {\"baseUrl\": \"http://x\"}, \"scenarios\": [], \"extra\": 1}");
    Outcome no = salvo("validate", bad.toString());
    assertInvalid(no, "bad.json:1:54: extra is not a known field");
    assertTrue(no.err().contains("bad.json:1:50: scenarios must not be empty"), no.err());
  }

  @Test
  void theClusterDemoKnowsHowManyWarmUpRequestsItSends() throws Exception {
    var plan =
        io.salvo.plan.parse.PlanParser.parse(
            DemoCommand.materialize(
                "demo-cluster.yaml", "http://127.0.0.1:1", tmp.resolve("demo-cluster")));
    // browse warms up at 1000/s for 2 s, split over the agents: 2,000 requests in all; health
    // at 5/s on the coordinator: 10.
    assertEquals(2_010, DemoCommand.warmupRequests(plan, 2));
    // The same phase on a replicated scenario runs on every agent.
    var replicated =
        io.salvo.plan.parse.PlanParser.parse(
            "r.yaml",
            "target: {baseUrl: \"http://127.0.0.1:1\"}\n"
                + "scenarios:\n"
                + "  - name: s\n"
                + "    steps: [{request: {path: /a}}, {request: {path: /b}}]\n"
                + "    load:\n"
                + "      - rampRate: {from: 0, to: 100, duration: 2s, warmup: true}\n"
                + "      - constantRate: {rate: 100, duration: 1s}\n"
                + "cluster: {replicate: [s]}\n");
    assertEquals(100 * 2 * 3, DemoCommand.warmupRequests(replicated, 3));
  }
}
