package io.salvo.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.target.tls.Certificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shop under /api/: login, token, cart cookie, products, cart, checkout and their counts. */
@Timeout(60)
class ShopApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CART_COOKIE =
      Pattern.compile("cart=([0-9a-f]+); Path=/api; HttpOnly");

  private HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private TargetServer target;

  @AfterEach
  void stop() {
    if (target != null) {
      target.close();
    }
  }

  /** An answer: status, parsed JSON body, the response itself. */
  private record Answer(int status, JsonNode json, HttpResponse<String> response) {}

  /** A logged-in user: the bearer token and the cart cookie's value. */
  private record Login(String user, String token, String cart) {}

  private Answer call(String method, String path, String token, String cookie, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target.url() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (cookie != null) {
      b.header("Cookie", "theme=dark; cart=" + cookie);
    }
    HttpResponse<String> res = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("application/json", res.headers().firstValue("content-type").orElse(""));
    return new Answer(res.statusCode(), JSON.readTree(res.body()), res);
  }

  private Login login(String user) throws Exception {
    Answer a =
        call(
            "POST",
            "/api/login",
            null,
            null,
            "{\"user\": \"" + user + "\", \"password\": \"pw-" + user + "\"}");
    assertEquals(200, a.status(), a.json().toString());
    assertEquals(user, a.json().get("user").asText());
    String token = a.json().get("token").asText();
    assertTrue(token.length() >= 20, token);
    Matcher m = CART_COOKIE.matcher(a.response().headers().firstValue("set-cookie").orElse(""));
    assertTrue(m.matches(), a.response().headers().toString());
    return new Login(user, token, m.group(1));
  }

  private static String error(Answer a) {
    return a.json().get("error").asText();
  }

  @Test
  void aShopperLogsInBrowsesFillsTheCartAndChecksOut() throws Exception {
    target = TargetServer.start(0, 1);
    Login alice = login("alice");

    Answer products = call("GET", "/api/products", alice.token(), null, null);
    assertEquals(200, products.status());
    assertEquals(10, products.json().get("products").size());
    JsonNode first = products.json().get("products").get(0);
    assertEquals(1, first.get("id").asInt());
    assertEquals(9.5, first.get("price").asDouble());
    assertFalse(first.get("name").asText().isEmpty());

    Answer two = call("GET", "/api/products/2", alice.token(), null, null);
    assertEquals(200, two.status());
    assertEquals(2, two.json().get("id").asInt());
    assertEquals(3.25, two.json().get("price").asDouble());

    Answer add =
        call(
            "POST",
            "/api/cart",
            alice.token(),
            alice.cart(),
            "{\"productId\": 1, \"quantity\": 2}");
    assertEquals(200, add.status(), add.json().toString());
    assertEquals(alice.cart(), add.json().get("cartId").asText());
    assertEquals(2, add.json().get("items").asInt());
    add = call("POST", "/api/cart", alice.token(), alice.cart(), "{\"productId\": 2}");
    assertEquals(3, add.json().get("items").asInt());

    Answer order = call("POST", "/api/checkout", alice.token(), alice.cart(), null);
    assertEquals(201, order.status(), order.json().toString());
    assertEquals(3, order.json().get("items").asInt());
    assertEquals(2 * 9.5 + 3.25, order.json().get("total").asDouble());
    assertFalse(order.json().get("orderId").asText().isEmpty());

    Answer again = call("POST", "/api/checkout", alice.token(), alice.cart(), null);
    assertEquals(409, again.status());
    assertEquals("empty cart", error(again));

    assertEquals(1, target.checkouts());
    assertEquals(Map.of("alice", 1L), target.loginsByUser());
    assertEquals(Map.of("alice", 7L), target.requestsByUser());
    assertEquals(0, target.unauthorized());
    assertEquals(0, target.cartCookieMissing());
    assertEquals(7, target.requests());
    assertEquals(6, target.status(2));
    assertEquals(1, target.status(4));
  }

  @Test
  void loginRefusesBadCredentialsAndMalformedBodies() throws Exception {
    target = TargetServer.start(0, 1);
    Answer wrong =
        call("POST", "/api/login", null, null, "{\"user\": \"bob\", \"password\": \"pw-alice\"}");
    assertEquals(401, wrong.status());
    assertEquals("bad credentials", error(wrong));
    assertTrue(wrong.response().headers().firstValue("set-cookie").isEmpty());
    assertEquals(400, call("POST", "/api/login", null, null, "not json").status());
    assertEquals(400, call("POST", "/api/login", null, null, "{\"user\": 1}").status());
    assertEquals(400, call("POST", "/api/login", null, null, null).status());
    assertEquals(405, call("GET", "/api/login", null, null, null).status());
    assertEquals(Map.of(), target.loginsByUser());
    assertEquals(Map.of(), target.requestsByUser());
    assertEquals(0, target.unauthorized(), "login needs no token");
  }

  @Test
  void everyOtherEndpointNeedsAValidToken() throws Exception {
    target = TargetServer.start(0, 1);
    Login bob = login("bob");
    Answer none = call("GET", "/api/products", null, null, null);
    assertEquals(401, none.status());
    assertEquals("missing or invalid token", error(none));
    assertEquals(401, call("GET", "/api/products/1", "not-a-token", null, null).status());
    assertEquals(401, call("POST", "/api/cart", null, bob.cart(), "{\"productId\": 1}").status());
    assertEquals(401, call("POST", "/api/checkout", "", bob.cart(), null).status());
    assertEquals(401, call("GET", "/api/anything", null, null, null).status());
    assertEquals(5, target.unauthorized());
    assertEquals(Map.of("bob", 1L), target.requestsByUser());
  }

  @Test
  void cartAndCheckoutNeedTheCookieOfTheTokensSession() throws Exception {
    target = TargetServer.start(0, 1);
    Login alice = login("alice");
    Login bob = login("bob");
    assertNotEquals(alice.cart(), bob.cart());
    String one = "{\"productId\": 1}";
    Answer missing = call("POST", "/api/cart", alice.token(), null, one);
    assertEquals(409, missing.status());
    assertEquals("cart cookie missing or wrong", error(missing));
    assertEquals(409, call("POST", "/api/cart", alice.token(), bob.cart(), one).status());
    assertEquals(409, call("POST", "/api/checkout", alice.token(), null, null).status());
    assertEquals(3, target.cartCookieMissing());
    assertEquals(200, call("POST", "/api/cart", bob.token(), bob.cart(), one).status());
    assertEquals(0, target.checkouts());
  }

  @Test
  void unknownProductsAndBadCartBodiesAreRefused() throws Exception {
    target = TargetServer.start(0, 1);
    Login carol = login("carol");
    String t = carol.token();
    assertEquals(404, call("GET", "/api/products/11", t, null, null).status());
    assertEquals(404, call("GET", "/api/products/x", t, null, null).status());
    assertEquals(404, call("POST", "/api/cart", t, carol.cart(), "{\"productId\": 99}").status());
    assertEquals(
        400, call("POST", "/api/cart", t, carol.cart(), "{\"productId\": \"1\"}").status());
    assertEquals(
        400,
        call("POST", "/api/cart", t, carol.cart(), "{\"productId\": 1, \"quantity\": 0}").status());
    assertEquals(400, call("POST", "/api/cart", t, carol.cart(), "[1]").status());
    assertEquals(405, call("GET", "/api/cart", t, null, null).status());
    assertEquals(404, call("GET", "/api/nothing", t, null, null).status());
    Answer empty = call("POST", "/api/checkout", t, carol.cart(), null);
    assertEquals(409, empty.status());
    assertEquals("empty cart", error(empty));
    assertEquals(Map.of("carol", 10L), target.requestsByUser());
    assertEquals(0, target.cartCookieMissing());
  }

  @Test
  void theCountsAreInStatsJsonAndResetForgetsTheSessions() throws Exception {
    target = TargetServer.start(0, 1);
    Login dave = login("dave");
    login("dave");
    call("GET", "/api/products", null, null, null);
    call("POST", "/api/cart", dave.token(), null, "{\"productId\": 1}");
    call("POST", "/api/cart", dave.token(), dave.cart(), "{\"productId\": 1}");
    call("POST", "/api/checkout", dave.token(), dave.cart(), null);
    JsonNode api = JSON.readTree(target.statsJson()).get("api");
    assertEquals(1, api.get("unauthorized").asInt());
    assertEquals(1, api.get("cartCookieMissing").asInt());
    assertEquals(1, api.get("checkouts").asInt());
    assertEquals(2, api.at("/loginsByUser/dave").asInt());
    assertEquals(5, api.at("/requestsByUser/dave").asInt());

    target.reset();
    assertEquals(0, target.checkouts());
    assertEquals(Map.of(), target.loginsByUser());
    assertEquals(401, call("GET", "/api/products", dave.token(), null, null).status());
    assertEquals(1, target.unauthorized());
  }

  @Test
  void theFlowWorksOverHttp2WithTls(@TempDir Path dir) throws Exception {
    Certificates.Bundle certs = Certificates.generate(dir);
    target = TargetServer.builder().tls(certs.server()).http2(true).start();
    client =
        HttpClient.newBuilder()
            .sslContext(TestTls.trusting(certs.ca()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Login erin = login("erin");
    Answer add =
        call(
            "POST", "/api/cart", erin.token(), erin.cart(), "{\"productId\": 10, \"quantity\": 3}");
    assertEquals(HttpClient.Version.HTTP_2, add.response().version());
    assertEquals(3, add.json().get("items").asInt());
    Answer order = call("POST", "/api/checkout", erin.token(), erin.cart(), null);
    assertEquals(201, order.status());
    assertEquals(12.0, order.json().get("total").asDouble());
    assertEquals(3, target.requests(TargetServer.H2));
  }
}
