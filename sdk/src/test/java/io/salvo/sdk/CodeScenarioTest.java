package io.salvo.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.engine.CodeNotRegisteredException;
import io.salvo.engine.EngineOptions;
import io.salvo.engine.LoadEngine;
import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import io.salvo.report.Figures;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.target.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code scenarios run by the engine on this machine, against a real HTTP target on 127.0.0.1. */
class CodeScenarioTest {
  static TargetServer target;

  @TempDir Path dir;

  @BeforeAll
  static void startTarget() throws Exception {
    target = TargetServer.start("127.0.0.1", 0, 1);
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  private static Report.ScenarioReport scenario(Report r, String name) {
    return r.scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static Figures step(Report.ScenarioReport s, String name) {
    return s.steps().stream()
        .filter(x -> x.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + s.steps()))
        .figures();
  }

  @Test
  void anAsyncHttpScenarioSendsEveryArrivalThroughTheEngine() throws Exception {
    long before = target.requests();
    String url = target.url() + "/orders";
    SalvoScenario get =
        SalvoScenario.createAsync(
                "get-orders", ctx -> ctx.http().get(url).thenApply(SalvoResponse::of))
            .withLoadSimulations(
                SalvoSimulation.injectPerSec(100, Duration.ofMillis(500)).asWarmUp(),
                SalvoSimulation.injectPerSec(200, Duration.ofSeconds(2)));
    SalvoResult result =
        SalvoRunner.registerScenarios(get)
            .withThreads(1)
            .withReportsFolder(dir)
            .withThresholds(SalvoThreshold.of("errorRate == 0%"))
            .withConsole(null)
            .run();
    Report r = result.report();
    assertEquals("PASSED", r.status());
    assertEquals(400, scenario(r, "get-orders").figures().requests());
    assertEquals(0, r.total().errors());
    assertEquals(Map.of("2xx", 400L), nonZero(scenario(r, "get-orders").figures().status()));
    // Warm-up (50) and measured (400): every arrival reached the target, once.
    assertEquals(450, target.requests() - before);
    // The same three files as salvo run.
    Report back = ReportJson.read(Files.readString(dir.resolve("report.json")));
    assertEquals(400, back.total().requests());
    assertTrue(Files.readString(dir.resolve("report.html")).contains("get-orders"));
    assertTrue(Files.readString(dir.resolve("latency.hlog")).contains("get-orders"));
  }

  @Test
  void outcomesExceptionsAndStepsAreCountedByKind() throws Exception {
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    AtomicLong inner = new AtomicLong();
    // 4 users x 10 iterations = 40 invocations, numbered 0..39: the outcome follows the number.
    SalvoScenario mixed =
        SalvoScenario.create(
                "mixed",
                ctx -> {
                  long n = ctx.invocationNumber();
                  seen.add(n);
                  ctx.step(
                      "prepare",
                      () -> {
                        inner.incrementAndGet();
                        return null;
                      });
                  ctx.data().put("n", n);
                  if (n % 10 == 1) {
                    throw new IllegalStateException("broken " + n);
                  }
                  if (n % 10 == 2) {
                    return SalvoResponse.fail("503", "busy");
                  }
                  if (n % 10 == 3) {
                    return SalvoResponse.fail("no stock");
                  }
                  if (n % 10 == 4) {
                    ctx.step(
                        "charge",
                        () -> {
                          throw new java.io.IOException("card declined");
                        });
                  }
                  return SalvoResponse.ok("201", 10);
                })
            .withLoadSimulations(SalvoSimulation.iterationsForConstant(4, 10));
    Report r =
        SalvoRunner.registerScenarios(mixed)
            .withReportsFolder(dir)
            .withConsole(null)
            .run()
            .report();
    assertEquals(40, seen.size());
    assertEquals(40, inner.get());
    Report.ScenarioReport s = scenario(r, "mixed");
    assertEquals(40, s.sessionsStarted());
    Figures main = step(s, "mixed");
    assertEquals(40, main.requests());
    // 4 each of: thrown, 503, no stock, IOException in a step (which ends the scenario).
    assertEquals(16, main.errors());
    assertEquals(Map.of("2xx", 24L, "5xx", 4L), nonZero(main.status()));
    assertEquals(4L, main.errorsByKind().get("check"));
    assertEquals(12L, main.errorsByKind().get("code"));
    assertEquals(
        Map.of("IllegalStateException", 4L, "busy", 4L, "no stock", 4L, "IOException", 4L),
        main.failedChecks());
    assertEquals(24 * 10 + 4 * 0, main.bytesReceived());
    Figures prepare = step(s, "prepare");
    assertEquals(40, prepare.requests());
    assertEquals(0, prepare.errors());
    Figures charge = step(s, "charge");
    assertEquals(4, charge.requests());
    assertEquals(Map.of("IOException", 4L), charge.failedChecks());
  }

  @Test
  void feedRowsReachTheCodeOncePerSession() throws Exception {
    Set<String> users = ConcurrentHashMap.newKeySet();
    SalvoScenario login =
        SalvoScenario.create(
                "login",
                ctx -> {
                  if (!users.add(ctx.feed("user") + "/" + ctx.feed("password"))) {
                    return SalvoResponse.fail("row used twice");
                  }
                  return ctx.feed("missing") == null ? SalvoResponse.ok() : SalvoResponse.fail("?");
                })
            .withFeed(
                SalvoFeed.rows(
                    "accounts",
                    "unique",
                    List.of(
                        Map.of("user", "ann", "password", "a1"),
                        Map.of("user", "bob", "password", "b2"),
                        Map.of("user", "cid", "password", "c3"))))
            .withLoadSimulations(SalvoSimulation.injectPerSec(50, Duration.ofSeconds(1)));
    Report r =
        SalvoRunner.registerScenarios(login)
            .withReportsFolder(dir)
            .withConsole(null)
            .run()
            .report();
    assertEquals(Set.of("ann/a1", "bob/b2", "cid/c3"), users);
    Report.ScenarioReport s = scenario(r, "login");
    assertEquals(3, s.figures().requests());
    assertEquals(0, s.figures().errors());
    assertTrue(s.stopReason().contains("accounts"), s.stopReason());
    assertEquals(47, s.sessionsUnsent());
  }

  @Test
  void aStepThatOutlivesTheTimeoutCountsAsOneAndTheRunEnds() throws Exception {
    SalvoScenario slow =
        SalvoScenario.create(
                "slow",
                ctx -> {
                  if (ctx.invocationNumber() == 0) {
                    Thread.sleep(60_000);
                  }
                  return SalvoResponse.ok();
                })
            .withLoadSimulations(SalvoSimulation.injectPerSec(10, Duration.ofSeconds(1)));
    long t0 = System.nanoTime();
    Report r =
        SalvoRunner.registerScenarios(slow)
            .withRequestTimeout(Duration.ofMillis(300))
            .withReportsFolder(dir)
            .withConsole(null)
            .run()
            .report();
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos());
    Figures f = scenario(r, "slow").figures();
    assertEquals(10, f.requests());
    assertEquals(1, f.timeouts());
    assertEquals(Map.of("timeout", 1L), nonZero(f.errorsByKind()));
  }

  @Test
  void aYamlPlanMixesHttpAndCodeStepsInOneSession() throws Exception {
    long before = target.requests();
    Path plan = dir.resolve("mixed.yaml");
    Files.writeString(
        plan,
        """
        name: mixed
        target:
          baseUrl: %s
        feeders:
          - name: ids
            strategy: circular
            rows: [{id: "7"}]
        scenarios:
          - name: checkout
            feed: [ids]
            steps:
              - request:
                  name: cart
                  path: /cart/${id}
              - code: price
            load:
              - constantRate: {rate: 20, duration: 1s}
        """
            .formatted(target.url()));
    SalvoScenario price =
        SalvoScenario.createAsync(
            "price",
            ctx ->
                ctx.http()
                    .get(target.url() + "/price/" + ctx.feed("id"))
                    .thenApply(SalvoResponse::of));
    Report r =
        SalvoRunner.registerScenarios(price)
            .withPlan(plan)
            .withReportsFolder(dir)
            .withConsole(null)
            .run()
            .report();
    Report.ScenarioReport s = scenario(r, "checkout");
    assertEquals(20, step(s, "cart").requests());
    assertEquals(20, step(s, "price").requests());
    assertEquals(0, s.figures().errors());
    assertEquals(40, target.requests() - before);
  }

  @Test
  void codeTheNodeDoesNotHaveIsRefusedBeforeAnythingStarts() throws Exception {
    Plan plan =
        PlanParser.parse(
            "p",
            """
            name: p
            target: {}
            scenarios:
              - name: orders
                steps: [{code: submit-orders}]
                load: [{constantRate: {rate: 1, duration: 1s}}]
            """);
    CodeNotRegisteredException e =
        assertThrows(
            CodeNotRegisteredException.class,
            () -> LoadEngine.start(plan, EngineOptions.defaults(), i -> {}));
    assertEquals(
        "scenario 'orders' runs code 'submit-orders', which is not registered on this node (it has"
            + " no code)",
        e.getMessage());
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SalvoRunner.registerScenarios(
                        SalvoScenario.create("x", ctx -> SalvoResponse.ok())
                            .withLoadSimulations(
                                SalvoSimulation.injectPerSec(1, Duration.ofSeconds(1))))
                    .withPlan(writePlan(plan))
                    .plan());
    assertTrue(other.getMessage().contains("runs code 'submit-orders', which is not a registered"));
  }

  private Path writePlan(Plan plan) throws Exception {
    Path p = dir.resolve("plan.yaml");
    Files.writeString(p, io.salvo.plan.parse.PlanWriter.yaml(plan));
    return p;
  }

  private static Map<String, Long> nonZero(Map<String, Long> m) {
    Map<String, Long> out = new java.util.TreeMap<>();
    m.forEach(
        (k, v) -> {
          if (v != 0) {
            out.put(k, v);
          }
        });
    return out;
  }
}
