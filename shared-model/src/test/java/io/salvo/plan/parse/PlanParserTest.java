package io.salvo.plan.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.AgentLossPolicy;
import io.salvo.plan.ConstantRate;
import io.salvo.plan.ConstantUsers;
import io.salvo.plan.HttpStep;
import io.salvo.plan.Iterations;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.plan.RampRate;
import io.salvo.plan.Scenario;
import io.salvo.plan.ThinkTime;
import io.salvo.plan.Threshold;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanParserTest {
  private static final Path PLANS = Path.of("src/test/resources/plans");

  @Test
  void readsEveryFieldOfTheYamlFormat() throws Exception {
    Plan plan = PlanParser.parse(PLANS.resolve("orders.yaml"));

    assertEquals("orders", plan.name());
    assertEquals(URI.create("http://127.0.0.1:8080/api"), plan.target().baseUrl());
    assertEquals(Map.of("Accept", "application/json"), plan.target().headers());
    assertEquals(Duration.ofSeconds(2), plan.target().connectTimeout());
    assertEquals(Duration.ofSeconds(10), plan.target().requestTimeout());
    assertEquals(64, plan.target().maxConnections());

    Scenario browse = plan.scenarios().get(0);
    assertEquals("browse", browse.name());
    assertEquals(5000, browse.maxInFlight());
    HttpStep list = (HttpStep) browse.steps().get(0);
    assertEquals("list-orders", list.name());
    assertEquals("GET", list.method());
    assertEquals("http://127.0.0.1:8080/api/orders?page=1", list.displayUrl(plan.target()));
    assertTrue(list.expect().accepts(204));
    assertTrue(!list.expect().accepts(301));
    assertEquals(new ThinkTime(Duration.ofMillis(100)), browse.steps().get(1));
    HttpStep post = (HttpStep) browse.steps().get(2);
    assertEquals("POST /orders", post.name());
    assertEquals("{\"item\": 42}", post.body());
    assertTrue(post.expect().accepts(201) && !post.expect().accepts(202));
    assertEquals(
        List.of(
            new ConstantRate(50, Duration.ofSeconds(5), true),
            new RampRate(50, 200, Duration.ofMinutes(1), false),
            new ConstantRate(10, Duration.ofSeconds(30), false)),
        browse.load());

    Scenario checkout = plan.scenarios().get(1);
    assertEquals(Scenario.DEFAULT_MAX_IN_FLIGHT, checkout.maxInFlight());
    assertEquals(
        List.of(
            new ConstantUsers(10, Duration.ofSeconds(90), false),
            new Iterations(4, 25, Duration.ofMinutes(2), false)),
        checkout.load());

    assertEquals(4, plan.thresholds().size());
    Threshold p999 = plan.thresholds().get(2);
    assertEquals("checkout", p999.scenario());
    assertEquals(99.9, p999.metric().percentile());
    assertEquals(Threshold.Operator.LE, p999.operator());
    assertEquals(1000.0, p999.limit());
    assertEquals(0.01, plan.thresholds().get(1).limit(), 1e-12);
    assertEquals("throughput >= 90/s", plan.thresholds().get(3).expression());

    assertEquals(NodeType.COORDINATOR, plan.cluster().nodeType());
    assertEquals("orders-cluster", plan.cluster().clusterId());
    assertEquals("perf-agents", plan.cluster().agentGroup());
    assertEquals(2, plan.cluster().agentsCount());
    assertTrue(plan.cluster().runsOnCoordinator("checkout"));
    assertTrue(plan.cluster().runsOnAgents("browse"));
    assertEquals(Duration.ofSeconds(30), plan.cluster().agentsTimeout());
    assertEquals(AgentLossPolicy.CONTINUE, plan.cluster().onAgentLoss());
  }

  @Test
  void jsonAndYamlAreOneModel() throws Exception {
    assertEquals(
        PlanParser.parse(PLANS.resolve("orders.yaml")),
        PlanParser.parse(PLANS.resolve("orders.json")));
  }

  @Test
  void writtenPlansReadBackEqual() throws Exception {
    Plan plan = PlanParser.parse(PLANS.resolve("orders.yaml"));
    assertEquals(plan, PlanParser.parse("w.yaml", PlanWriter.yaml(plan), PlanFormat.YAML));
    assertEquals(plan, PlanParser.parse("w.json", PlanWriter.json(plan), PlanFormat.JSON));
    assertEquals(plan, PlanParser.parse("w", PlanWriter.json(plan)));
  }

  @Test
  void aMinimalPlanTakesDefaults() throws Exception {
    Plan plan =
        PlanParser.parse(
            "smoke-test.yaml",
            """
            target: {baseUrl: "http://localhost:9000"}
            scenarios:
              - name: s
                steps: [{request: {path: /}}]
                load: [{constantRate: {rate: 10, duration: 1s}}]
            """);
    assertEquals("smoke-test", plan.name());
    assertEquals(NodeType.SINGLE_NODE, plan.cluster().nodeType());
    assertEquals(100, plan.target().maxConnections());
    assertEquals("GET /", plan.scenarios().get(0).requests().get(0).name());
    assertTrue(plan.scenarios().get(0).requests().get(0).expect().accepts(302));
    assertTrue(!plan.scenarios().get(0).requests().get(0).expect().accepts(404));
  }

  // --- problems: each names file, line, column, field and rule ---

  private static final String BASE =
      """
      target:
        baseUrl: http://localhost:9000
      scenarios:
        - name: orders
          steps:
            - request: {path: /orders}
          load:
            - constantRate:
                rate: %s
                duration: 10s
      """;

  private static List<String> problems(String yaml) {
    PlanException e =
        assertThrows(
            PlanException.class, () -> PlanParser.parse("orders.yaml", yaml, PlanFormat.YAML));
    return e.problems().stream().map(PlanProblem::toString).toList();
  }

  private static String problem(String yaml) {
    List<String> all = problems(yaml);
    assertEquals(1, all.size(), () -> "expected one problem, got " + all);
    return all.get(0);
  }

  @Test
  void negativeRateNamesFileLineColumnFieldAndRule() {
    assertEquals(
        "orders.yaml:9:17: scenarios[0].load[0].constantRate.rate must be > 0, was -5",
        problem(BASE.formatted("-5")));
  }

  @Test
  void zeroRateIsRefused() {
    assertTrue(problem(BASE.formatted("0")).endsWith("rate must be > 0, was 0"));
  }

  @Test
  void ratesMayCarryAUnit() throws Exception {
    Plan plan = PlanParser.parse("p.yaml", BASE.formatted("120/m"), PlanFormat.YAML);
    assertEquals(2.0, ((ConstantRate) plan.scenarios().get(0).load().get(0)).rate());
    assertTrue(
        problem(BASE.formatted("fast"))
            .contains("must be a number per second or a rate such as 100/s"));
  }

  @Test
  void unknownFieldsAreErrorsWithASuggestion() {
    String yaml = BASE.formatted("5").replace("duration: 10s", "duraton: 10s");
    List<String> all = problems(yaml);
    assertEquals(2, all.size(), all::toString);
    assertEquals(
        "orders.yaml:10:11: scenarios[0].load[0].constantRate.duraton is not a known field"
            + " (did you mean 'duration'?); known here: rate, duration, warmup",
        all.get(1));
    assertEquals(
        "orders.yaml:9:11: scenarios[0].load[0].constantRate.duration is required", all.get(0));
  }

  @Test
  void unknownTopLevelField() {
    String yaml = BASE.formatted("5") + "treshold: []\n";
    assertEquals(
        "orders.yaml:11:1: treshold is not a known field (did you mean 'thresholds'?); known here:"
            + " name, target, feeders, scenarios, thresholds, cluster",
        problem(yaml));
  }

  @Test
  void unknownPhaseKind() {
    String yaml = BASE.formatted("5").replace("constantRate:", "constantRates:");
    assertEquals(
        "orders.yaml:8:9: scenarios[0].load[0].constantRates is not a known kind (did you mean"
            + " 'constantRate'?); use one of: constantRate, rampRate, constantUsers, iterations",
        problem(yaml));
  }

  @Test
  void malformedYamlReportsItsLine() {
    String p = problem("target:\n  baseUrl: http://x\n scenarios: [\n");
    assertTrue(p.startsWith("orders.yaml:3:"), p);
    assertTrue(p.contains("malformed YAML"), p);
  }

  @Test
  void malformedJsonReportsItsLine() {
    PlanException e =
        assertThrows(
            PlanException.class,
            () ->
                PlanParser.parse(
                    "plan.json",
                    "{\n  \"target\": {\n    \"baseUrl\": \"http://x\",,\n",
                    PlanFormat.JSON));
    String p = e.problems().get(0).toString();
    assertTrue(p.startsWith("plan.json:3:"), p);
    assertTrue(p.contains("malformed JSON"), p);
  }

  @Test
  void emptyDocument() {
    assertEquals(
        "orders.yaml: is empty: a plan needs at least 'target' and 'scenarios'", problem(""));
  }

  @Test
  void durationsNeedAUnit() {
    String yaml = BASE.formatted("5").replace("duration: 10s", "duration: 10");
    assertEquals(
        "orders.yaml:10:21: scenarios[0].load[0].constantRate.duration must be a duration with a unit"
            + " such as 500ms, 10s or 1m, was 10 (a bare number has no unit)",
        problem(yaml));
    String bad = BASE.formatted("5").replace("duration: 10s", "duration: 10 parsecs");
    assertTrue(
        problem(bad)
            .contains("must be a duration such as 500ms, 10s, 1m30s or 2h, was '10 parsecs'"));
  }

  @Test
  void duplicateKeys() {
    String yaml = BASE.formatted("5").replace("duration: 10s", "duration: 10s\n          rate: 6");
    assertEquals("orders.yaml:11:11: rate is given twice", problem(yaml));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml =
        """
        target: {baseUrl: "ftp://localhost", maxConnections: 0}
        scenarios:
          - name: ok
            steps: [{request: {path: /}}]
            load: [{constantUsers: {users: -1, duration: 1s}}]
          - name: "bad name!"
            steps: [{request: {path: /}}]
            load: [{constantUsers: {users: 1, duration: 1s}}]
        """;
    List<String> all = problems(yaml);
    assertEquals(3, all.size(), all::toString);
    assertEquals(
        "orders.yaml:1:19: target.baseUrl must be an http:// or https:// URL, was 'ftp://localhost'",
        all.get(0));
    assertEquals(
        "orders.yaml:5:36: scenarios[0].load[0].constantUsers.users must be > 0, was -1",
        all.get(1));
    assertTrue(
        all.get(2).startsWith("orders.yaml:6:11: scenarios[1].name must be 1 to 64 letters"),
        all.get(2));
  }

  @Test
  void maxConnectionsMustBePositive() {
    String yaml =
        BASE.formatted("5")
            .replace(
                "baseUrl: http://localhost:9000",
                "baseUrl: http://localhost:9000\n  maxConnections: 0");
    assertEquals("orders.yaml:3:19: target.maxConnections must be > 0, was 0", problem(yaml));
  }

  @Test
  void wrongTypes() {
    String yaml = BASE.formatted("[1, 2]");
    assertEquals(
        "orders.yaml:9:17: scenarios[0].load[0].constantRate.rate must be a number, was a list",
        problem(yaml));
    String users =
        BASE.formatted("5")
            .replace("constantRate:\n          rate: 5", "constantUsers:\n          users: ten");
    assertTrue(problem(users).endsWith("constantUsers.users must be a whole number, was 'ten'"));
  }

  @Test
  void requestRules() {
    assertTrue(
        problem(BASE.formatted("5").replace("{path: /orders}", "{path: orders}"))
            .endsWith("scenarios[0].steps[0].request.path must start with '/', was 'orders'"));
    assertTrue(
        problem(BASE.formatted("5").replace("{path: /orders}", "{path: /a, url: http://x/a}"))
            .endsWith("scenarios[0].steps[0].request needs exactly one of 'path' and 'url'"));
    assertTrue(
        problem(BASE.formatted("5").replace("{path: /orders}", "{method: FETCH, path: /a}"))
            .endsWith(
                "scenarios[0].steps[0].request.method must be one of GET, HEAD, POST, PUT, DELETE,"
                    + " PATCH, OPTIONS, was 'FETCH'"));
    assertTrue(
        problem(BASE.formatted("5").replace("{path: /orders}", "{path: /a, expect: {status: 700}}"))
            .endsWith(
                "request.expect.status must be a status such as 200, 2xx or 200-299, was '700'"));
    assertTrue(
        problem(BASE.formatted("5").replace("- request: {path: /orders}", "- think: 1s"))
            .endsWith("scenarios[0].steps must contain at least one request or code step"));
    assertTrue(
        problem(
                BASE.formatted("5")
                    .replace(
                        "- request: {path: /orders}",
                        "- request: {path: /a}\n      - request: {path: /a}"))
            .endsWith(
                "scenarios[0].steps[1].name 'GET /a' is used by an earlier step of scenario 'orders'; give one a name"));
  }

  @Test
  void pathsNeedABaseUrl() {
    String yaml =
        BASE.formatted("5").replace("  baseUrl: http://localhost:9000\n", "  maxConnections: 5\n");
    assertTrue(
        problem(yaml)
            .endsWith(
                "scenarios[0].steps[0].path needs target.baseUrl, or give the step a full 'url'"));
  }

  @Test
  void phaseRules() {
    String warmupLate =
        BASE.formatted("5") + "      - constantRate: {rate: 5, duration: 1s, warmup: true}\n";
    assertTrue(
        problem(warmupLate)
            .endsWith(
                "scenarios[0].load[1].warmup must only be set on the first phases, before measured ones"));
    String iterationsFirst =
        BASE.formatted("5")
            .replace("    load:\n", "    load:\n      - iterations: {users: 1, iterations: 5}\n");
    assertTrue(
        problem(iterationsFirst)
            .endsWith(
                "scenarios[0].load[0] iterations must be the last phase: it has no planned end"));
    String onlyWarmup =
        BASE.formatted("5").replace("duration: 10s", "duration: 10s\n          warmup: true");
    assertTrue(
        problem(onlyWarmup)
            .endsWith("scenarios[0].load needs at least one phase that is not a warm-up"));
    String zeroRamp =
        BASE.formatted("5")
            .replace(
                "constantRate:\n          rate: 5",
                "rampRate:\n          from: 0\n          to: 0");
    assertTrue(problem(zeroRamp).endsWith("rampRate.to must be > 0 when from is 0, was 0"));
    String zeroIterations =
        BASE.formatted("5")
            .replace(
                "constantRate:\n          rate: 5\n          duration: 10s",
                "iterations: {users: 2, iterations: 0}");
    assertTrue(problem(zeroIterations).endsWith("iterations.iterations must be > 0, was 0"));
    assertTrue(
        problem(BASE.formatted("5").replace("    load:\n", "    maxInFlight: -1\n    load:\n"))
            .endsWith("scenarios[0].maxInFlight must be > 0, was -1"));
  }

  @Test
  void scenarioNamesAreUnique() {
    String yaml =
        BASE.formatted("5")
            + """
              - name: orders
                steps: [{request: {path: /}}]
                load: [{constantRate: {rate: 1, duration: 1s}}]
            """;
    assertEquals(
        "orders.yaml:11:11: scenarios[1].name 'orders' is used by an earlier scenario",
        problem(yaml));
  }

  @Test
  void thresholdRules() {
    assertEquals(
        "orders.yaml:12:5: thresholds[0] unknown metric 'p99x' in 'p99x < 1s': use p50..p99.99, mean,"
            + " max, errorRate, errors, requests or throughput",
        problem(BASE.formatted("5") + "thresholds:\n  - p99x < 1s\n"));
    assertTrue(
        problem(BASE.formatted("5") + "thresholds:\n  - p99 < fast\n")
            .endsWith(
                "thresholds[0] limit of p99 must be a duration such as 200ms, was 'fast' in 'p99 < fast'"));
    assertTrue(
        problem(BASE.formatted("5") + "thresholds:\n  - p99 is small\n")
            .contains("thresholds[0] must look like 'p99 < 200ms'"));
    assertEquals(
        "orders.yaml:12:16: thresholds[0].scenario names no scenario of this plan: 'nope' (scenarios: orders)",
        problem(BASE.formatted("5") + "thresholds:\n  - {scenario: nope, condition: p99 < 1s}\n"));
  }

  @Test
  void clusterRules() {
    assertEquals(
        "orders.yaml:13:16: cluster.agentsCount must be > 0, was 0",
        problem(BASE.formatted("5") + "cluster:\n  nodeType: COORDINATOR\n  agentsCount: 0\n"));
    assertEquals(
        "orders.yaml:12:13: cluster.nodeType must be one of SINGLE_NODE, COORDINATOR, AGENT, was 'MASTER'",
        problem(BASE.formatted("5") + "cluster:\n  nodeType: MASTER\n"));
    assertTrue(
        problem(BASE.formatted("5") + "cluster:\n  agentTargetScenarios: [missing]\n")
            .endsWith(
                "cluster.agentTargetScenarios[0] names no scenario of this plan: 'missing' (scenarios: orders)"));
    assertTrue(
        problem(BASE.formatted("5") + "cluster:\n  clusterId: \"a b\"\n")
            .contains("cluster.clusterId must be 1 to 64 letters"));
    assertTrue(
        problem(BASE.formatted("5") + "cluster:\n  onAgentLoss: retry\n")
            .endsWith("cluster.onAgentLoss must be one of FAIL, CONTINUE, was 'retry'"));
    assertTrue(
        problem(
                BASE.formatted("5")
                    + "cluster:\n  coordinatorTargetScenarios: [orders]\n  agentTargetScenarios: [orders]\n")
            .endsWith(
                "cluster.agentTargetScenarios[0] 'orders' is also a coordinator target scenario; a scenario runs on one side"));
  }

  @Test
  void missingRequiredSections() {
    assertEquals(
        List.of("orders.yaml:1:1: target is required", "orders.yaml:1:1: scenarios is required"),
        problems("name: x\n"));
    assertEquals(
        "orders.yaml:1:1: must be a mapping with name, target, feeders, scenarios, thresholds, cluster; was 'just text'",
        problem("just text"));
    assertTrue(
        problem("target: {baseUrl: http://x}\nscenarios: []\n")
            .endsWith("scenarios must not be empty"));
  }
}
