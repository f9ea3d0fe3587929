package io.salvo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.RequestStats;
import io.salvo.stats.ScenarioStats;
import io.salvo.target.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions that carry data, against the demo target's shop: users from a CSV feeder log in, the
 * token they get rides in every later request, the cart cookie in the cookie jar, values extracted
 * from one response feed the next request, and checks on bodies count as named check errors.
 */
class SessionEndToEndTest {
  @TempDir Path dir;
  private TargetServer target;

  @BeforeEach
  void start() throws Exception {
    target = TargetServer.start(0, 1);
  }

  @AfterEach
  void stop() {
    target.close();
  }

  private void users(int n) throws Exception {
    String rows =
        IntStream.range(0, n)
            .mapToObj(i -> "user" + i + ",pw-user" + i)
            .collect(Collectors.joining("\n"));
    Files.writeString(dir.resolve("users.csv"), "user,password\n" + rows + "\n");
  }

  private static final String LOGIN =
      """
            - request:
                name: login
                method: POST
                path: /login
                headers: {Content-Type: application/json}
                body: '{"user": "${user}", "password": "${password}"}'
                expect: {status: 200}
                extract: [{name: token, json: /token}]
                checks: [{jsonPath: $.user, equals: "${user}"}]
      """;

  private static final String SHOP =
      LOGIN
          + """
            - request:
                name: products
                path: /products
                headers: {Authorization: "Bearer ${token}"}
                extract:
                  - {name: productId, regex: '"id":\\s*(\\d+)'}
                  - {name: server, header: X-Not-There, required: false}
            - think: 5ms
            - request:
                name: add
                method: POST
                path: /cart
                headers: {Authorization: "Bearer ${token}", Content-Type: application/json}
                body: '{"productId": ${productId}, "quantity": ${random.int(1,3)}}'
                checks: [{bodyMatches: '"items":\\s*[1-3]'}]
            - request:
                name: checkout
                method: POST
                path: /checkout
                headers: {Authorization: "Bearer ${token}", X-Session: "${session.index}"}
                expect: {status: 201}
                checks: [{json: /orderId}]
      """;

  private Plan plan(String target, String strategy, String steps, String load) throws Exception {
    return PlanParser.parse(
        "shop.yaml",
        "target: {baseUrl: \""
            + this.target.url()
            + "/api\", maxConnections: 8"
            + target
            + "}\n"
            + "feeders: [{name: users, file: users.csv, strategy: "
            + strategy
            + "}]\n"
            + "scenarios:\n"
            + "  - name: shop\n"
            + "    feed: users\n"
            + "    steps:\n"
            + steps
            + "    load: ["
            + load
            + "]\n",
        PlanFormat.YAML,
        dir);
  }

  private static ScenarioStats run(Plan plan) throws Exception {
    return LoadEngine.start(plan, EngineOptions.defaults().withEventLoops(2), i -> {})
        .await()
        .scenarios()
        .get("shop");
  }

  @Test
  void aLoggedInFlowCarriesTheTokenAndTheCookieAndUsesEachUniqueRowOnce() throws Exception {
    users(20);
    ScenarioStats s = run(plan("", "unique", SHOP, "{iterations: {users: 5, iterations: 4}}"));

    assertEquals(20, s.sessionsStarted());
    for (String step : new String[] {"login", "products", "add", "checkout"}) {
      RequestStats st = s.step(step);
      assertEquals(20, st.requests(), step);
      assertEquals(0, st.errors(), step + " " + st + " " + st.failedChecks());
    }
    assertEquals(0, target.unauthorized(), "every request after login carried a valid token");
    assertEquals(0, target.cartCookieMissing(), "the cookie jar carried the cart cookie");
    assertEquals(20, target.checkouts());
    Map<String, Long> logins = target.loginsByUser();
    assertEquals(20, logins.size());
    assertTrue(logins.values().stream().allMatch(n -> n == 1), "each row once: " + logins);
    assertTrue(
        target.requestsByUser().values().stream().allMatch(n -> n == 4),
        "" + target.requestsByUser());
    assertNull(s.stopReason());
  }

  @Test
  void withoutTheCookieJarTheCartIsRefused() throws Exception {
    users(4);
    ScenarioStats s =
        run(plan(", cookies: false", "circular", SHOP, "{iterations: {users: 2, iterations: 2}}"));
    // The cart and the checkout both need the cookie: 4 sessions x 2 refusals.
    assertEquals(8, target.cartCookieMissing());
    RequestStats add = s.step("add");
    assertEquals(4, add.status(4));
    assertEquals(
        Map.of("status < 400", 4L, "body matches '\"items\":\\s*[1-3]'", 4L), add.failedChecks());
  }

  @Test
  void aUniqueFeederThatRunsOutStopsTheScenarioAndSaysWhy() throws Exception {
    users(10);
    ScenarioStats s = run(plan("", "unique", LOGIN, "{constantRate: {rate: 50, duration: 1s}}"));
    assertEquals(10, s.sessionsStarted());
    assertEquals(40, s.sessionsUnsent());
    assertEquals(10, s.total().requests());
    assertEquals(
        "feeder 'users' (unique) ran out of rows, so no more sessions were started",
        s.stopReason());
    assertEquals(10, target.loginsByUser().size());
  }

  @Test
  void aMissingRequiredValueIsANamedCheckErrorAndEndsTheSession() throws Exception {
    users(3);
    String steps =
        LOGIN
            + """
            - request:
                name: products
                path: /products
                headers: {Authorization: "Bearer ${token}"}
                extract: [{name: coupon, json: /coupon}]
            - request:
                name: after
                path: /products/${coupon}
                headers: {Authorization: "Bearer ${token}"}
      """;
    ScenarioStats s = run(plan("", "circular", steps, "{iterations: {users: 3, iterations: 1}}"));
    RequestStats products = s.step("products");
    assertEquals(3, products.requests());
    assertEquals(3, products.errors(ErrorKind.CHECK));
    assertEquals(Map.of("extract coupon", 3L), products.failedChecks());
    assertEquals(0, s.step("after").requests(), "the session ended at the missing value");
  }

  @Test
  void aFailedBodyCheckIsNamedAndTheSessionGoesOn() throws Exception {
    users(2);
    String steps =
        LOGIN.replace("equals: \"${user}\"", "equals: nobody")
            + """
            - request:
                name: products
                path: /products
                headers: {Authorization: "Bearer ${token}"}
      """;
    ScenarioStats s = run(plan("", "circular", steps, "{iterations: {users: 2, iterations: 3}}"));
    assertEquals(Map.of("json $.user == 'nobody'", 6L), s.step("login").failedChecks());
    assertEquals(6, s.step("login").errors(ErrorKind.CHECK));
    assertEquals(6, s.step("products").requests());
    assertEquals(0, s.step("products").errors());
  }
}
