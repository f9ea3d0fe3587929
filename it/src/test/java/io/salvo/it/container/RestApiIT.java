package io.salvo.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI api(String path) {
    return URI.create(base.toString().replaceAll("/$", "") + "/api" + path);
  }

  @Test
  void plansAreValidatedStoredAndReadBack() throws Exception {
    String plan =
        "name: rest\ntarget: {baseUrl: \"http://127.0.0.1:9\"}\nscenarios:\n  - name: s\n"
            + "    steps: [{request: {path: /}}]\n    load: [{constantRate: {rate: 5, duration: 1s}}]\n";
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(api("/plans"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(plan)));
    assertEquals(201, created.statusCode(), created.body());
    String location = created.headers().firstValue("Location").orElseThrow();
    String id = JSON.readTree(created.body()).path("id").asText();
    assertTrue(location.endsWith("/api/plans/" + id), location);
    JsonNode back = JSON.readTree(send(HttpRequest.newBuilder(api("/plans/" + id))).body());
    assertEquals("rest", back.path("name").asText());
    assertEquals(plan, back.path("source").asText());
    assertTrue(JSON.readTree(send(HttpRequest.newBuilder(api("/plans"))).body()).size() >= 1);
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
    HttpResponse<String> neither =
        send(
            HttpRequest.newBuilder(api("/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(400, neither.statusCode());
    assertEquals("planId", JSON.readTree(neither.body()).path("field").asText());
    HttpResponse<String> unknownPlan =
        send(
            HttpRequest.newBuilder(api("/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"planId\": \"nope\"}")));
    assertEquals(404, unknownPlan.statusCode());
    HttpResponse<String> run = send(HttpRequest.newBuilder(api("/runs/nope")));
    assertEquals(404, run.statusCode());
    assertEquals("no run nope", JSON.readTree(run.body()).path("detail").asText());
    assertEquals(404, send(HttpRequest.newBuilder(api("/runs/nope/report.json"))).statusCode());
    HttpResponse<String> timeout =
        send(
            HttpRequest.newBuilder(api("/runs"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"plan\": \"target: {baseUrl: \\\"http://x\\\"}\\nscenarios: [{name: s, steps: [{request: {path: /}}], load: [{constantRate: {rate: 1, duration: 1s}}]}]\\n\", \"agentsTimeout\": \"soon\"}")));
    assertEquals(400, timeout.statusCode(), timeout.body());
    assertEquals("agentsTimeout", JSON.readTree(timeout.body()).path("field").asText());
  }

  @Test
  void aRunWaitsForAgentsAndItsReportIsNotReadyUntilItEnds() throws Exception {
    String body =
        "{\"plan\": \"target: {baseUrl: \\\"http://127.0.0.1:9\\\"}\\nscenarios: [{name: s, steps: [{request: {path: /}}],"
            + " load: [{constantRate: {rate: 1, duration: 1s}}]}]\\n\", \"clusterId\": \"nobody\", \"agentsTimeout\": \"30s\"}";
    HttpResponse<String> started =
        send(
            HttpRequest.newBuilder(api("/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
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
}
