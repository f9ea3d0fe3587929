package io.salvo.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.engine.code.CodeRegistry;
import io.salvo.plan.CodeStep;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import io.salvo.plan.parse.PlanWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fluent API's rules: what cannot be built, and the messages that say why. */
class SalvoRunnerTest {
  private static SalvoScenario scenario(String name) {
    return SalvoScenario.create(name, ctx -> SalvoResponse.ok())
        .withLoadSimulations(SalvoSimulation.injectPerSec(10, Duration.ofSeconds(1)));
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void agentsCountMustBePositive() {
    assertEquals(
        "withAgentsCount: agentsCount must be > 0, was 0",
        message(() -> SalvoRunner.registerScenarios(scenario("a")).withAgentsCount(0)));
  }

  @Test
  void aScenarioRegisteredTwiceIsRefused() {
    assertEquals(
        "scenario 'a' is registered twice",
        message(() -> SalvoRunner.registerScenarios(scenario("a"), scenario("b"), scenario("a"))));
  }

  @Test
  void targetScenariosMustBeRegistered() {
    SalvoRunner r =
        SalvoRunner.registerScenarios(scenario("submit"), scenario("wait"))
            .withCoordinatorTargetScenarios("submit")
            .withAgentTargetScenarios("wiat");
    assertEquals(
        "withAgentTargetScenarios: 'wiat' is not a registered scenario (registered: submit, wait)",
        message(r::plan));
    SalvoRunner c =
        SalvoRunner.registerScenarios(scenario("submit")).withCoordinatorTargetScenarios("x");
    assertTrue(message(c::plan).startsWith("withCoordinatorTargetScenarios: 'x' is not"));
  }

  @Test
  void aScenarioOnBothSidesIsRefused() {
    SalvoRunner r =
        SalvoRunner.registerScenarios(scenario("a"))
            .withCoordinatorTargetScenarios("a")
            .withAgentTargetScenarios("a");
    assertTrue(
        message(r::plan)
            .endsWith("'a' is also a coordinator target scenario; a scenario runs on one side"),
        message(r::plan));
  }

  @Test
  void simulationsCannotBeBuiltInvalid() {
    assertEquals(
        "injectPerSec: rate must be > 0, was -5",
        message(() -> SalvoSimulation.injectPerSec(-5, Duration.ofSeconds(1))));
    assertEquals(
        "keepConstant: users must be > 0, was 0",
        message(() -> SalvoSimulation.keepConstant(0, Duration.ofSeconds(1))));
    assertTrue(
        message(() -> SalvoSimulation.injectPerSec(5, Duration.ZERO))
            .startsWith("injectPerSec: duration must be > 0"));
    assertEquals(
        "iterationsForConstant cannot be a warm-up: it has no planned end",
        message(() -> SalvoSimulation.iterationsForConstant(1, 2).asWarmUp()));
    assertEquals(
        "scenario 'a': load[1].warmup must only be set on the first phases, before measured ones",
        message(
            () ->
                SalvoScenario.create("a", ctx -> SalvoResponse.ok())
                    .withLoadSimulations(
                        SalvoSimulation.injectPerSec(5, Duration.ofSeconds(1)),
                        SalvoSimulation.injectPerSec(5, Duration.ofSeconds(1)).asWarmUp())));
    assertEquals(
        "scenario 'a': load[0] iterations must be the last phase: it has no planned end",
        message(
            () ->
                SalvoScenario.create("a", ctx -> SalvoResponse.ok())
                    .withLoadSimulations(
                        SalvoSimulation.iterationsForConstant(1, 2),
                        SalvoSimulation.injectPerSec(5, Duration.ofSeconds(1)))));
  }

  @Test
  void namesAndResponsesAreChecked() {
    assertTrue(
        message(() -> SalvoScenario.create("submit orders", ctx -> SalvoResponse.ok()))
            .startsWith("scenario name must be 1 to 64 letters"));
    assertEquals(
        "a status code must be a number from 100 to 599, was 'OK'",
        message(() -> SalvoResponse.ok("OK")));
    assertEquals(
        "a status code must be a number from 100 to 599, was '99'",
        message(() -> SalvoResponse.fail("99", "x")));
    assertTrue(message(() -> SalvoThreshold.of("p99 lower than 5ms")).startsWith("threshold: "));
    assertEquals(
        "scenario 'a' has no load: give it withLoadSimulations(...)",
        message(
            () ->
                SalvoRunner.registerScenarios(SalvoScenario.create("a", ctx -> SalvoResponse.ok()))
                    .plan()));
    assertEquals(
        "an agent needs withBroker(url, user, password)",
        message(
            () ->
                SalvoRunner.registerScenarios(scenario("a"))
                    .withNodeType(NodeType.AGENT)
                    .startAgent()));
  }

  @Test
  void thePlanIsTheSameModelAsYaml() throws Exception {
    Plan plan =
        SalvoRunner.registerScenarios(scenario("submit"), scenario("wait"))
            .withPlanName("orders")
            .withNodeType(NodeType.COORDINATOR)
            .withClusterId("orders-cluster")
            .withAgentGroup("perf-agents")
            .withAgentsCount(2)
            .withCoordinatorTargetScenarios("submit")
            .withAgentTargetScenarios("wait")
            .withThresholds(SalvoThreshold.forScenario("wait", "p99 < 250ms"))
            .plan();
    assertEquals(new CodeStep("wait"), plan.scenarios().get(1).steps().get(0));
    assertEquals(2, plan.cluster().agentsCount());
    assertTrue(plan.cluster().runsOnCoordinator("submit"));
    assertTrue(plan.cluster().runsOnAgents("wait"));
    // What a coordinator sends an agent: the plan as YAML, read back the same.
    Plan back = PlanParser.parse("sdk", PlanWriter.yaml(plan));
    assertEquals(plan.scenarios(), back.scenarios());
    assertEquals(plan.thresholds(), back.thresholds());
  }

  @Test
  void codeIsRegisteredOncePerName() {
    CodeRegistry r = SalvoRunner.registerScenarios(scenario("a"), scenario("b")).registry();
    assertEquals(java.util.Set.of("a", "b"), r.names());
    assertEquals("code 'a' is registered twice", message(() -> r.with("a", call -> null, false)));
  }
}
