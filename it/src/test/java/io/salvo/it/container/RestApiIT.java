package io.salvo.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JAX-RS resources of the coordinator EAR on RESTEasy in WildFly, from a client. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.coordinatorEar();
  }

  @ArquillianResource URL base;

  /**
   * The server's admin token file ({@code salvo.auth.adminTokenFile} in arquillian.xml), written
   * here with a fresh token: the coordinator reads it when a bearer token is not one of its own.
   */
  private static final String ADMIN = adminToken();

  private static String adminToken() {
    try {
      Path file = Path.of(System.getProperty("serverBase"), "admin.token");
      Files.deleteIfExists(file);
      Files.createDirectories(file.getParent());
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      String token = "salvo_test-" + java.util.UUID.randomUUID();
      Files.writeString(file, token + "\n");
      return token;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A request with a JSON body. */
  private HttpRequest.Builder json(String method, String path, String body) {
    return HttpRequest.newBuilder(api(path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  /** Sends as the admin. */
  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return sendAs("Bearer " + ADMIN, b);
  }

  /** Sends with {@code authorization} (such as "Bearer x"), or with none when it is null. */
  private HttpResponse<String> sendAs(String authorization, HttpRequest.Builder b)
      throws Exception {
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI api(String path) {
    return URI.create(base.toString().replaceAll("/$", "") + "/api" + path);
  }

  @Test
  void withoutValidCredentialsTheApiAnswers401WithAProblem() throws Exception {
    for (String authorization :
        java.util.Arrays.asList(
            null,
            "Bearer salvo_not-a-token",
            "Bearer ",
            "Basic " + basic("nobody", "wrong password!"),
            "Basic !!!",
            "Digest username=x",
            ADMIN,
            "Bearer " + ADMIN + "x")) {
      for (String path : List.of("/runs", "/agents", "/plans", "/tokens", "/openapi.yaml")) {
        HttpResponse<String> r = sendAs(authorization, HttpRequest.newBuilder(api(path)));
        assertEquals(401, r.statusCode(), authorization + " " + path + ": " + r.body());
        assertEquals(
            List.of("Bearer realm=\"Salvo\"", "Basic realm=\"Salvo\", charset=\"UTF-8\""),
            r.headers().allValues("WWW-Authenticate"));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(401, p.path("status").asInt(), r.body());
        assertTrue(
            r.headers()
                .firstValue("Content-Type")
                .orElse("")
                .startsWith("application/problem+json"));
        assertFalse(p.path("detail").asText().isBlank());
        assertFalse(r.body().contains(ADMIN), "a credential is never echoed: " + r.body());
      }
    }
    // Health checks need no credentials, and learn nothing else.
    HttpResponse<String> health = sendAs(null, HttpRequest.newBuilder(api("/health")));
    assertEquals(200, health.statusCode(), health.body());
    assertEquals("UP", JSON.readTree(health.body()).path("status").asText());
    // The console's page holds no data and is served to anyone; the data it asks for is not.
    assertEquals(
        200, sendAs(null, HttpRequest.newBuilder(URI.create(base.toString()))).statusCode());
    assertTrue(
        JSON.readTree(sendAs(null, HttpRequest.newBuilder(api("/runs"))).body())
            .path("detail")
            .asText()
            .contains("needs credentials"));
  }

  private static String basic(String user, String password) {
    return java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private String createToken(String name, String role) throws Exception {
    HttpResponse<String> r =
        send(json("POST", "/tokens", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}"));
    assertEquals(201, r.statusCode(), r.body());
    JsonNode t = JSON.readTree(r.body());
    assertEquals(role, t.path("role").asText());
    assertTrue(t.path("token").asText().startsWith("salvo_"), r.body());
    return t.path("token").asText();
  }

  @Test
  void eachRoleMayDoWhatItHoldsAndNoMore() throws Exception {
    String viewer = "Bearer " + createToken("it-viewer", "viewer");
    String operator = "Bearer " + createToken("it-operator", "operator");
    String admin = "Bearer " + createToken("it-admin", "admin");
    String id = JSON.readTree(uploadYaml(GOOD_PLAN).body()).path("id").asText();
    // Reading: everyone.
    for (String who : List.of(viewer, operator, admin)) {
      for (String path : List.of("/runs", "/agents", "/plans", "/plans/" + id, "/openapi.yaml")) {
        HttpResponse<String> r = sendAs(who, HttpRequest.newBuilder(api(path)));
        assertEquals(200, r.statusCode(), who + " " + path + ": " + r.body());
      }
    }
    // A plan's source: operators and admins only.
    assertTrue(
        JSON.readTree(sendAs(viewer, HttpRequest.newBuilder(api("/plans/" + id))).body())
            .path("source")
            .isNull());
    assertTrue(
        JSON.readTree(sendAs(operator, HttpRequest.newBuilder(api("/plans/" + id))).body())
            .path("source")
            .asText()
            .contains("scenarios"));
    // Changing plans and runs: operators and admins.
    java.util.function.Supplier<HttpRequest.Builder> upload =
        () ->
            HttpRequest.newBuilder(api("/plans"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(GOOD_PLAN));
    HttpResponse<String> refused = sendAs(viewer, upload.get());
    assertEquals(403, refused.statusCode(), refused.body());
    assertEquals(
        "POST /plans needs the role operator; token:it-viewer holds viewer",
        JSON.readTree(refused.body()).path("detail").asText());
    assertEquals(
        403,
        sendAs(
                viewer,
                HttpRequest.newBuilder(api("/runs/nope/stop"))
                    .POST(HttpRequest.BodyPublishers.noBody()))
            .statusCode());
    assertEquals(201, sendAs(operator, upload.get()).statusCode());
    assertEquals(201, sendAs(admin, upload.get()).statusCode());
    assertEquals(
        404,
        sendAs(
                operator,
                HttpRequest.newBuilder(api("/runs/nope/stop"))
                    .POST(HttpRequest.BodyPublishers.noBody()))
            .statusCode());
    // Users, tokens and the allow-list: admins only, reading and changing.
    for (String who : List.of(viewer, operator)) {
      HttpResponse<String> r = sendAs(who, HttpRequest.newBuilder(api("/tokens")));
      assertEquals(403, r.statusCode(), r.body());
      assertEquals(403, sendAs(who, HttpRequest.newBuilder(api("/users"))).statusCode());
      for (HttpRequest.Builder change :
          List.of(
              json("POST", "/tokens", "{\"name\": \"x\", \"role\": \"admin\"}"),
              HttpRequest.newBuilder(api("/tokens/nope")).DELETE(),
              json(
                  "PUT",
                  "/users/x",
                  "{\"role\": \"admin\", \"password\": \"long enough password\"}"),
              HttpRequest.newBuilder(api("/users/nope")).DELETE(),
              HttpRequest.newBuilder(api("/allowed-targets")).DELETE())) {
        HttpResponse<String> denied = sendAs(who, change);
        assertEquals(403, denied.statusCode(), denied.body());
        assertTrue(denied.body().contains("needs the role admin"), denied.body());
      }
    }
    assertFalse(send(HttpRequest.newBuilder(api("/users"))).body().contains("\"x\""));
    // A page of another site may not use a browser's stored credentials to change anything.
    HttpResponse<String> crossSite =
        sendAs(
            operator,
            HttpRequest.newBuilder(api("/plans"))
                .header("Origin", "https://evil.example")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(GOOD_PLAN)));
    assertEquals(403, crossSite.statusCode(), crossSite.body());
    assertTrue(crossSite.body().contains("another site"), crossSite.body());
    HttpResponse<String> list = sendAs(admin, HttpRequest.newBuilder(api("/tokens")));
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().contains("it-viewer"), list.body());
    assertFalse(list.body().contains("salvo_"), "no token's secret is ever listed: " + list.body());
    assertFalse(list.body().contains("hash"), list.body());
    JsonNode me = JSON.readTree(sendAs(operator, HttpRequest.newBuilder(api("/whoami"))).body());
    assertEquals("token:it-operator", me.path("name").asText());
    assertEquals("operator", me.path("role").asText());
  }

  @Test
  void anAdminSetsTheTargetAllowList() throws Exception {
    String operator = "Bearer " + createToken("it-allow-operator", "operator");
    JsonNode configured =
        JSON.readTree(sendAs(operator, HttpRequest.newBuilder(api("/allowed-targets"))).body());
    assertEquals("loopback", configured.path("entries").asText(), configured.toString());
    assertEquals("configuration", configured.path("source").asText());
    assertEquals(
        403,
        sendAs(operator, json("PUT", "/allowed-targets", "{\"entries\": \"*\"}")).statusCode());
    HttpResponse<String> invalid =
        send(json("PUT", "/allowed-targets", "{\"entries\": \"10.0.0.0/33\"}"));
    assertEquals(400, invalid.statusCode(), invalid.body());
    assertTrue(invalid.body().contains("'10.0.0.0/33'"), invalid.body());
    try {
      HttpResponse<String> set =
          send(json("PUT", "/allowed-targets", "{\"entries\": \"127.0.0.2, shop.test:8443\"}"));
      assertEquals(200, set.statusCode(), set.body());
      assertEquals("admin", JSON.readTree(set.body()).path("source").asText());
      // A run aimed at 127.0.0.1:9 is now outside the list: refused before anything is stored.
      HttpResponse<String> refused =
          sendAs(operator, json("POST", "/runs", runBody("\"agentsCount\": 1")));
      assertEquals(403, refused.statusCode(), refused.body());
      assertTrue(
          JSON.readTree(refused.body()).path("detail").asText().contains("127.0.0.1"),
          refused.body());
      assertTrue(refused.body().contains("set by token:admin-file"), refused.body());
    } finally {
      HttpResponse<String> reset = send(HttpRequest.newBuilder(api("/allowed-targets")).DELETE());
      assertEquals(200, reset.statusCode(), reset.body());
      assertEquals("loopback", JSON.readTree(reset.body()).path("entries").asText());
    }
  }

  @Test
  void revokedTokensAndDeletedUsersStopWorkingAtOnce() throws Exception {
    String token = createToken("it-revoked", "viewer");
    assertEquals(200, sendAs("Bearer " + token, HttpRequest.newBuilder(api("/runs"))).statusCode());
    String tokenId = null;
    for (JsonNode t : JSON.readTree(send(HttpRequest.newBuilder(api("/tokens"))).body())) {
      if (t.path("name").asText().equals("it-revoked")) {
        tokenId = t.path("id").asText();
        assertFalse(t.path("lastUsedAt").isNull(), "the use was recorded: " + t);
      }
    }
    assertEquals(
        204, send(HttpRequest.newBuilder(api("/tokens/" + tokenId)).DELETE()).statusCode());
    assertEquals(401, sendAs("Bearer " + token, HttpRequest.newBuilder(api("/runs"))).statusCode());

    // A user who signs in with a password (HTTP Basic).
    HttpResponse<String> created =
        send(
            json(
                "PUT",
                "/users/ana",
                "{\"role\": \"operator\", \"password\": \"correct horse battery\"}"));
    assertEquals(201, created.statusCode(), created.body());
    assertFalse(created.body().contains("correct horse"), created.body());
    String ana = "Basic " + basic("ana", "correct horse battery");
    assertEquals(
        "operator",
        JSON.readTree(sendAs(ana, HttpRequest.newBuilder(api("/whoami"))).body())
            .path("role")
            .asText());
    assertEquals(
        401,
        sendAs(
                "Basic " + basic("ana", "correct horse batterY"),
                HttpRequest.newBuilder(api("/runs")))
            .statusCode());
    // Demoted to viewer: the next request has the new role.
    HttpResponse<String> changed = send(json("PUT", "/users/ana", "{\"role\": \"viewer\"}"));
    assertEquals(200, changed.statusCode(), changed.body());
    assertEquals(
        "viewer",
        JSON.readTree(sendAs(ana, HttpRequest.newBuilder(api("/whoami"))).body())
            .path("role")
            .asText());
    assertTrue(send(HttpRequest.newBuilder(api("/users"))).body().contains("\"ana\""));
    assertEquals(204, send(HttpRequest.newBuilder(api("/users/ana")).DELETE()).statusCode());
    assertEquals(401, sendAs(ana, HttpRequest.newBuilder(api("/runs"))).statusCode());
  }

  @Test
  void plansAreValidatedStoredAndReadBack() throws Exception {
    String plan =
        "name: rest\ntarget: {baseUrl: \"http://127.0.0.1:9\"}\nscenarios:\n  - name: s\n"
            + "    steps: [{request: {path: /}}]\n    load: [{constantRate: {rate: 5, duration: 1s}}]\n";
    HttpResponse<String> created = uploadYaml(plan);
    String location = created.headers().firstValue("Location").orElseThrow();
    String id = JSON.readTree(created.body()).path("id").asText();
    assertTrue(location.endsWith("/api/plans/" + id), location);
    JsonNode back = JSON.readTree(send(HttpRequest.newBuilder(api("/plans/" + id))).body());
    assertEquals("rest", back.path("name").asText());
    assertEquals(plan, back.path("source").asText());
    assertFalse(back.path("sourceMasked").asBoolean());
    assertTrue(JSON.readTree(send(HttpRequest.newBuilder(api("/plans"))).body()).size() >= 1);
  }

  @Test
  void aPlansSecretsAreMaskedInItsView() throws Exception {
    String plan =
        "name: secrets\ntarget: {baseUrl: \"http://127.0.0.1:9\","
            + " headers: {Authorization: \"Bearer tok-0451\", Accept: text/plain}}\n"
            + "scenarios:\n  - name: s\n"
            + "    steps: [{request: {path: /, headers: {X-Auth-Token: xyz-77}}}]\n"
            + "    load: [{constantRate: {rate: 5, duration: 1s}}]\n";
    String id = JSON.readTree(uploadYaml(plan).body()).path("id").asText();
    String body = send(HttpRequest.newBuilder(api("/plans/" + id))).body();
    assertFalse(body.contains("tok-0451"), body);
    assertFalse(body.contains("xyz-77"), body);
    JsonNode back = JSON.readTree(body);
    assertTrue(back.path("sourceMasked").asBoolean());
    assertTrue(back.path("source").asText().contains("Authorization: '******'"), body);
    assertTrue(back.path("source").asText().contains("Accept: text/plain"), body);
  }

  /** Uploads a YAML plan, which must be created (201). */
  private HttpResponse<String> uploadYaml(String plan) throws Exception {
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(api("/plans"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(plan)));
    assertEquals(201, created.statusCode(), created.body());
    return created;
  }

  @Test
  void anInvalidPlanIsA400ProblemNamingTheFieldAndLine() throws Exception {
    String plan =
        "target: {baseUrl: \"http://127.0.0.1:9\"}\nscenarios:\n  - name: s\n"
            + "    steps: [{request: {path: /}}]\n    load: [{constantUsers: {users: 0, duration: 1s}}]\n";
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(api("/plans"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(plan)));
    assertEquals(400, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
    JsonNode p = JSON.readTree(r.body());
    assertEquals("scenarios[0].load[0].constantUsers.users", p.path("field").asText());
    assertEquals(5, p.path("problems").get(0).path("line").asInt());
    assertEquals("must be > 0, was 0", p.path("problems").get(0).path("message").asText());
  }

  @Test
  void runsRefuseBadRequestsAndUnknownIds() throws Exception {
    HttpResponse<String> neither = send(json("POST", "/runs", "{}"));
    assertEquals(400, neither.statusCode());
    assertEquals("planId", JSON.readTree(neither.body()).path("field").asText());
    HttpResponse<String> unknownPlan = send(json("POST", "/runs", "{\"planId\": \"nope\"}"));
    assertEquals(404, unknownPlan.statusCode());
    HttpResponse<String> run = send(HttpRequest.newBuilder(api("/runs/nope")));
    assertEquals(404, run.statusCode());
    assertEquals("no run nope", JSON.readTree(run.body()).path("detail").asText());
    assertEquals(404, send(HttpRequest.newBuilder(api("/runs/nope/report.json"))).statusCode());
    HttpResponse<String> timeout =
        send(
            json(
                "POST",
                "/runs",
                "{\"plan\": \"target: {baseUrl: \\\"http://x\\\"}\\nscenarios: [{name: s, steps: [{request: {path: /}}], load: [{constantRate: {rate: 1, duration: 1s}}]}]\\n\", \"agentsTimeout\": \"soon\"}"));
    assertEquals(400, timeout.statusCode(), timeout.body());
    assertEquals("agentsTimeout", JSON.readTree(timeout.body()).path("field").asText());
  }

  @Test
  void aRunWaitsForAgentsAndItsReportIsNotReadyUntilItEnds() throws Exception {
    String body =
        "{\"plan\": \"target: {baseUrl: \\\"http://127.0.0.1:9\\\"}\\nscenarios: [{name: s, steps: [{request: {path: /}}],"
            + " load: [{constantRate: {rate: 1, duration: 1s}}]}]\\n\", \"clusterId\": \"nobody\", \"agentsTimeout\": \"30s\"}";
    HttpResponse<String> started = send(json("POST", "/runs", body));
    assertEquals(202, started.statusCode(), started.body());
    JsonNode run = JSON.readTree(started.body());
    assertEquals("WAITING_FOR_AGENTS", run.path("state").asText());
    String id = run.path("id").asText();
    assertEquals(
        409, send(HttpRequest.newBuilder(api("/runs/" + id + "/report.json"))).statusCode());
    HttpResponse<String> stopped =
        send(
            HttpRequest.newBuilder(api("/runs/" + id + "/stop"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals("STOPPED", JSON.readTree(stopped.body()).path("state").asText());
    assertEquals(
        200, send(HttpRequest.newBuilder(api("/runs/" + id + "/report.json"))).statusCode());
  }

  @Test
  void agentsOpenApiAndConsoleAreServed() throws Exception {
    HttpResponse<String> agents = send(HttpRequest.newBuilder(api("/agents")));
    assertEquals(200, agents.statusCode());
    assertTrue(JSON.readTree(agents.body()).isArray());
    HttpResponse<String> openapi = send(HttpRequest.newBuilder(api("/openapi.yaml")));
    assertEquals(200, openapi.statusCode());
    assertTrue(openapi.body().startsWith("openapi: 3.1.0"));
    HttpResponse<String> console = send(HttpRequest.newBuilder(URI.create(base.toString())));
    assertEquals(200, console.statusCode());
    assertTrue(console.body().contains("<title>Salvo</title>"));
  }

  /** One request of the malformed-input sweep. */
  private record Bad(String method, String path, String type, byte[] body, String accept) {
    static Bad get(String path) {
      return new Bad("GET", path, null, null, null);
    }

    static Bad post(String path, String type, String body) {
      return new Bad("POST", path, type, body.getBytes(StandardCharsets.UTF_8), null);
    }

    @Override
    public String toString() {
      String b = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + (path.length() > 80 ? path.substring(0, 80) + "..." : path)
          + (type == null ? "" : " [" + type + "]")
          + (accept == null ? "" : " accept " + accept)
          + (b.isEmpty() ? "" : " " + (b.length() > 80 ? b.substring(0, 80) + "..." : b));
    }
  }

  private static final String GOOD_PLAN =
      "target: {baseUrl: \"http://127.0.0.1:9\"}\nscenarios:\n  - name: s\n"
          + "    steps: [{request: {path: /}}]\n"
          + "    load: [{constantRate: {rate: 1, duration: 1s}}]\n";

  private static String plan(String load) {
    return GOOD_PLAN.replace("{constantRate: {rate: 1, duration: 1s}}", load);
  }

  private static String runBody(String fields) {
    try {
      return "{\"plan\": " + JSON.writeValueAsString(GOOD_PLAN) + ", " + fields + "}";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Bad> malformedRequests() {
    List<Bad> all = new ArrayList<>();
    String yaml = "application/yaml";
    String json = "application/json";
    // Plans: bodies that are not plans, in YAML and in JSON.
    for (String body :
        List.of(
            "",
            "   \n",
            "{",
            "[1, 2]",
            "null",
            "42",
            "target: 5",
            "target: {baseUrl: ftp://x/}\nscenarios: []\n",
            "\u0000\u0001\u0002",
            "a: 1\n---\nb: 2\n",
            "a:\n\t- b\n",
            "{a: 1, a: 2}",
            "[".repeat(100_000) + "]".repeat(100_000),
            "x: &a [1, 2]\ny: [*a, *a, *a]\n",
            GOOD_PLAN + "bogus: 1\n",
            GOOD_PLAN.replace("127.0.0.1:9", "127.0.0.1:99999"),
            GOOD_PLAN.replace("name: s", "name: \"bad name!\""),
            GOOD_PLAN.replace("steps: [{request: {path: /}}]", "steps: []"),
            GOOD_PLAN.replace("{path: /}", "{path: /, method: FETCH}"),
            GOOD_PLAN + "thresholds: [\"errorRate < 200%\"]\n",
            GOOD_PLAN + "thresholds: [\"p99 < soon\"]\n",
            GOOD_PLAN + "feeders: [{name: u, file: users.csv}]\n",
            GOOD_PLAN + "feeders: [{name: u, file: {name: u.csv, base64: \"!!\"}}]\n",
            plan("{constantRate: {rate: 1e309, duration: 1s}}"),
            plan("{constantRate: {rate: -5, duration: 1s}}"),
            plan("{constantRate: {rate: 20000000, duration: 1s}}"),
            plan("{constantRate: {rate: 1, duration: 1000000000h}}"),
            plan("{constantRate: {rate: 1, duration: 10}}"),
            plan("{constantUsers: {users: 0, duration: 1s}}"),
            plan("{iterations: {users: 2, iterations: -1}}"),
            plan("{rampRate: {from: 0, to: 0, duration: 1s}}"))) {
      all.add(Bad.post("/plans", yaml, body));
    }
    for (String body :
        List.of(
            "{",
            "[]",
            "\"x\"",
            "{\"target\": 5}",
            "{\"target\": {\"baseUrl\": \"http://127.0.0.1:9\"}, \"scenarios\": \"x\"}",
            "[".repeat(5_000) + "]".repeat(5_000),
            "{\"target\": NaN}",
            GOOD_PLAN)) {
      all.add(Bad.post("/plans", json, body));
    }
    all.add(
        new Bad(
            "POST",
            "/plans",
            yaml,
            new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x28},
            null));
    for (String type :
        List.of(
            "application/xml", "application/octet-stream", "image/png", "multipart/form-data")) {
      all.add(Bad.post("/plans", type, GOOD_PLAN));
    }
    // Runs: bodies that are not run requests, and requests that name bad values.
    for (String body :
        List.of(
            "",
            "{",
            "[]",
            "null",
            "\"x\"",
            "42",
            "{}",
            "{\"plan\": {}}",
            "{\"plan\": []}",
            "{\"plan\": \"\"}",
            "{\"plan\": \"x\"}",
            "{\"plan\": 5}",
            "{\"planId\": \"\"}",
            "{\"planId\": \"nope\"}",
            "{\"planId\": \"../../etc/passwd\"}",
            "{\"planId\": null, \"plan\": null}",
            "{\"planId\": \"x\", \"plan\": \"y\"}",
            "{\"unknown\": 1}",
            "{\"plan\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}",
            runBody("\"agentsCount\": -1"),
            runBody("\"agentsCount\": 0"),
            runBody("\"agentsCount\": \"x\""),
            runBody("\"agentsCount\": 10000000000"),
            runBody("\"clusterId\": \"bad id!\""),
            runBody("\"clusterId\": \"\""),
            runBody("\"agentGroup\": \"x y\""),
            runBody("\"agentsTimeout\": \"soon\""),
            runBody("\"agentsTimeout\": \"-5s\""),
            runBody("\"agentsTimeout\": \"1000000h\""),
            runBody("\"agentsTimeout\": 30"),
            runBody("\"bogus\": true"))) {
      all.add(Bad.post("/runs", json, body));
    }
    for (String type : List.of("text/plain", "application/xml", "application/yaml")) {
      all.add(Bad.post("/runs", type, runBody("\"agentsCount\": 1")));
    }
    // Ids that name nothing, on every path that takes one.
    for (String id :
        List.of(
            "nope",
            "%20",
            "..%2F..%2Fetc",
            "a".repeat(5_000),
            "%C3%A9t%C3%A9",
            "%27%20OR%201%3D1",
            "-1")) {
      for (String tail : List.of("", "/stats", "/report.json", "/report.html")) {
        all.add(Bad.get("/runs/" + id + tail));
      }
      all.add(Bad.get("/plans/" + id));
      all.add(new Bad("POST", "/runs/" + id + "/stop", null, null, null));
    }
    all.add(Bad.get("/runs/nope/stats/stream"));
    // Tokens and users: bodies that are not what they take, and ids that name nothing.
    for (String body :
        List.of(
            "{}",
            "{\"name\": \"ci\"}",
            "{\"name\": \"ci\", \"role\": \"root\"}",
            "{\"name\": \"a b\", \"role\": \"viewer\"}",
            "{\"name\": \"" + "x".repeat(65) + "\", \"role\": \"viewer\"}",
            "{\"name\": \"ci\", \"role\": \"viewer\", \"token\": \"mine\"}",
            "[1]")) {
      all.add(Bad.post("/tokens", json, body));
    }
    for (String body :
        List.of(
            "{}",
            "{\"role\": \"viewer\"}",
            "{\"role\": \"viewer\", \"password\": \"short\"}",
            "{\"role\": \"king\", \"password\": \"long enough password\"}")) {
      all.add(new Bad("PUT", "/users/new-user", json, body.getBytes(StandardCharsets.UTF_8), null));
    }
    all.add(
        new Bad(
            "PUT",
            "/users/bad%20name",
            json,
            "{\"role\": \"viewer\", \"password\": \"long enough password\"}"
                .getBytes(StandardCharsets.UTF_8),
            null));
    all.add(new Bad("DELETE", "/tokens/nope", null, null, null));
    all.add(new Bad("DELETE", "/users/nope", null, null, null));
    all.add(new Bad("POST", "/whoami", json, "{}".getBytes(StandardCharsets.UTF_8), null));
    // Query parameters.
    for (String limit : List.of("abc", "-5", "0", "1001", "99999999999", "", "1e3", "%20")) {
      all.add(Bad.get("/runs?limit=" + limit));
    }
    // Methods a path does not take, paths that do not exist, answers the API cannot give.
    all.add(new Bad("DELETE", "/runs", null, null, null));
    all.add(new Bad("PUT", "/plans", yaml, GOOD_PLAN.getBytes(StandardCharsets.UTF_8), null));
    all.add(new Bad("POST", "/agents", json, "{}".getBytes(StandardCharsets.UTF_8), null));
    all.add(Bad.get("/runs/nope/stop"));
    all.add(new Bad("DELETE", "/plans/nope", null, null, null));
    all.add(new Bad("PATCH", "/runs/nope", json, "{}".getBytes(StandardCharsets.UTF_8), null));
    all.add(new Bad("POST", "/openapi.yaml", null, null, null));
    all.add(Bad.get("/nope"));
    all.add(Bad.get("/runs/nope/more/than/there/is"));
    all.add(new Bad("GET", "/runs", null, null, "application/xml"));
    all.add(new Bad("GET", "/agents", null, null, "text/csv"));
    // A body above the limit: with its length declared, and streamed without one.
    byte[] huge = new byte[17 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    all.add(new Bad("POST", "/plans", yaml, huge, null));
    all.add(new Bad("POST", "/runs", json, huge, "chunked"));
    return all;
  }

  /** Words of the server's insides that a problem's detail should not show. */
  private static final Pattern INTERNALS =
      Pattern.compile("io\\.salvo\\.|REDACTED|StreamReadConstraints|RESTEASY|Exception|\\tat ");

  @Test
  void malformedRequestsGetAProblemAndChangeNothing() throws Exception {
    int plansBefore = JSON.readTree(send(HttpRequest.newBuilder(api("/plans"))).body()).size();
    int runsBefore =
        JSON.readTree(send(HttpRequest.newBuilder(api("/runs?limit=1000"))).body()).size();
    List<Bad> sweep = malformedRequests();
    assertTrue(sweep.size() >= 100, "the sweep holds " + sweep.size() + " requests");
    Map<Integer, Integer> byStatus = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (Bad bad : sweep) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(api("").toString() + bad.path()))
              .version(HttpClient.Version.HTTP_1_1);
      if (bad.type() != null) {
        b.header("Content-Type", bad.type());
      }
      if (bad.accept() != null && !bad.accept().equals("chunked")) {
        b.header("Accept", bad.accept());
      }
      HttpRequest.BodyPublisher body =
          bad.body() == null
              ? HttpRequest.BodyPublishers.noBody()
              : "chunked".equals(bad.accept())
                  ? HttpRequest.BodyPublishers.ofInputStream(
                      () -> new ByteArrayInputStream(bad.body()))
                  : HttpRequest.BodyPublishers.ofByteArray(bad.body());
      HttpResponse<String> r = send(b.method(bad.method(), body));
      byStatus.merge(r.statusCode(), 1, Integer::sum);
      System.out.println(
          +r.statusCode()
              + " "
              + bad.toString().replace("\n", "\\n")
              + " | "
              + r.body().replace("\n", " "));
      String type = r.headers().firstValue("Content-Type").orElse("");
      JsonNode problem = type.startsWith(Problem.TYPE) ? JSON.readTree(r.body()) : null;
      if (r.statusCode() < 400
          || r.statusCode() >= 500
          || problem == null
          || problem.path("status").asInt() != r.statusCode()
          || problem.path("detail").asText().isBlank()
          || INTERNALS.matcher(problem.path("detail").asText()).find()) {
        wrong.add(bad + " -> " + r.statusCode() + " " + type + " " + r.body());
      }
    }
    System.out.println("malformed-request sweep: " + sweep.size() + " requests, " + byStatus);
    assertEquals(List.of(), wrong, "each gets a 4xx problem naming what is wrong");
    assertEquals(
        plansBefore, JSON.readTree(send(HttpRequest.newBuilder(api("/plans"))).body()).size());
    assertEquals(
        runsBefore,
        JSON.readTree(send(HttpRequest.newBuilder(api("/runs?limit=1000"))).body()).size());
    // The server still serves.
    assertEquals(200, send(HttpRequest.newBuilder(api("/agents"))).statusCode());
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(api("/plans"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(GOOD_PLAN)));
    assertEquals(201, created.statusCode(), created.body());
  }

  private static final class Problem {
    static final String TYPE = "application/problem+json";
  }
}
