package io.salvo.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The target's small shop under {@code /api/}, for demos of logged-in flows: a login that hands out
 * a bearer token and a {@code cart} cookie, a product list, a cart and a checkout. Sessions live in
 * memory until {@link #reset}. Thread-safe: requests of one session may arrive on several
 * connections at once.
 */
final class ShopApi {
  /** One answer: an HTTP status, a JSON body and, after a login, a {@code Set-Cookie} value. */
  record Reply(int status, byte[] json, String setCookie) {}

  record Product(int id, String name, double price) {}

  static final List<Product> PRODUCTS =
      List.of(
          new Product(1, "Espresso beans", 9.5),
          new Product(2, "Filter papers", 3.25),
          new Product(3, "Burr grinder", 89.0),
          new Product(4, "Milk jug", 14.5),
          new Product(5, "Gooseneck kettle", 49.75),
          new Product(6, "Scale", 24.0),
          new Product(7, "Tamper", 19.5),
          new Product(8, "Cups (pair)", 12.25),
          new Product(9, "Descaler", 7.5),
          new Product(10, "Cleaning brush", 4.0));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Reply UNAUTHORIZED = error(401, "missing or invalid token");
  private static final Reply BAD_COOKIE = error(409, "cart cookie missing or wrong");
  private static final Reply NOT_FOUND = error(404, "not found");
  private static final Reply NOT_ALLOWED = error(405, "method not allowed");

  private final byte[] productList;
  private final Map<Integer, byte[]> productById = new HashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final LongAdder unauthorized = new LongAdder();
  private final LongAdder cartCookieMissing = new LongAdder();
  private final LongAdder checkouts = new LongAdder();
  private final Map<String, LongAdder> logins = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requestsByUser = new ConcurrentHashMap<>();

  ShopApi() {
    ObjectNode list = JSON.createObjectNode();
    ArrayNode products = list.putArray("products");
    for (Product p : PRODUCTS) {
      ObjectNode one =
          JSON.createObjectNode().put("id", p.id()).put("name", p.name()).put("price", p.price());
      products.add(one);
      productById.put(p.id(), bytes(one));
    }
    productList = bytes(list);
  }

  /** A logged-in user's token, cart cookie value and cart (product id to quantity). */
  private static final class Session {
    final String user;
    final String cartId;
    final Map<Integer, Integer> cart = new HashMap<>();

    Session(String user, String cartId) {
      this.user = user;
      this.cartId = cartId;
    }
  }

  /** Answers a request whose path starts with {@code /api/}. */
  Reply handle(HttpMethod method, String path, HttpHeaders headers, byte[] body) {
    if (path.equals("/api/login")) {
      return method.equals(HttpMethod.POST) ? login(body) : NOT_ALLOWED;
    }
    Session session = session(headers);
    if (session == null) {
      unauthorized.increment();
      return UNAUTHORIZED;
    }
    count(requestsByUser, session.user);
    if (path.equals("/api/products")) {
      return method.equals(HttpMethod.GET) ? new Reply(200, productList, null) : NOT_ALLOWED;
    }
    if (path.startsWith("/api/products/")) {
      if (!method.equals(HttpMethod.GET)) {
        return NOT_ALLOWED;
      }
      byte[] one = productById.get(parseId(path.substring("/api/products/".length())));
      return one == null ? error(404, "unknown product") : new Reply(200, one, null);
    }
    if (path.equals("/api/cart")) {
      return method.equals(HttpMethod.POST) ? addToCart(session, headers, body) : NOT_ALLOWED;
    }
    if (path.equals("/api/checkout")) {
      return method.equals(HttpMethod.POST) ? checkout(session, headers) : NOT_ALLOWED;
    }
    return NOT_FOUND;
  }

  private Reply login(byte[] body) {
    JsonNode req = parse(body);
    if (req == null || !req.path("user").isTextual() || !req.path("password").isTextual()) {
      return error(400, "malformed body: expected {\"user\": ..., \"password\": ...}");
    }
    String user = req.get("user").asText();
    if (user.isEmpty() || !req.get("password").asText().equals("pw-" + user)) {
      return error(401, "bad credentials");
    }
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
    String cartId = HexFormat.of().formatHex(randomBytes(12));
    sessions.put(token, new Session(user, cartId));
    count(logins, user);
    count(requestsByUser, user);
    ObjectNode res = JSON.createObjectNode().put("token", token).put("user", user);
    return new Reply(200, bytes(res), "cart=" + cartId + "; Path=/api; HttpOnly");
  }

  private Reply addToCart(Session session, HttpHeaders headers, byte[] body) {
    if (!hasCartCookie(session, headers)) {
      cartCookieMissing.increment();
      return BAD_COOKIE;
    }
    JsonNode req = parse(body);
    JsonNode id = req == null ? null : req.get("productId");
    JsonNode quantity = req == null ? null : req.get("quantity");
    if (id == null
        || !id.canConvertToInt()
        || !id.isIntegralNumber()
        || (quantity != null && (!quantity.isIntegralNumber() || !quantity.canConvertToInt()))
        || (quantity != null && (quantity.intValue() < 1 || quantity.intValue() > 1_000_000))) {
      return error(
          400, "malformed body: expected {\"productId\": N, \"quantity\": Q} with 1 <= Q <= 1e6");
    }
    if (!productById.containsKey(id.intValue())) {
      return error(404, "unknown product");
    }
    int items;
    synchronized (session) {
      session.cart.merge(id.intValue(), quantity == null ? 1 : quantity.intValue(), Integer::sum);
      items = session.cart.values().stream().mapToInt(Integer::intValue).sum();
    }
    ObjectNode res = JSON.createObjectNode().put("cartId", session.cartId).put("items", items);
    return new Reply(200, bytes(res), null);
  }

  private Reply checkout(Session session, HttpHeaders headers) {
    if (!hasCartCookie(session, headers)) {
      cartCookieMissing.increment();
      return BAD_COOKIE;
    }
    int items = 0;
    double total = 0;
    synchronized (session) {
      for (Map.Entry<Integer, Integer> e : session.cart.entrySet()) {
        items += e.getValue();
        total += PRODUCTS.get(e.getKey() - 1).price() * e.getValue();
      }
      session.cart.clear();
    }
    if (items == 0) {
      return error(409, "empty cart");
    }
    checkouts.increment();
    ObjectNode res =
        JSON.createObjectNode()
            .put("orderId", "ord-" + HexFormat.of().formatHex(randomBytes(8)))
            .put("items", items)
            .put("total", total);
    return new Reply(201, bytes(res), null);
  }

  private Session session(HttpHeaders headers) {
    String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return sessions.get(auth.substring(7).trim());
  }

  /** Whether a {@code cart} cookie of the request carries the session's cart id. */
  private static boolean hasCartCookie(Session session, HttpHeaders headers) {
    for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
      for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
        if (c.name().equals("cart") && c.value().equals(session.cartId)) {
          return true;
        }
      }
    }
    return false;
  }

  long unauthorized() {
    return unauthorized.sum();
  }

  long cartCookieMissing() {
    return cartCookieMissing.sum();
  }

  long checkouts() {
    return checkouts.sum();
  }

  Map<String, Long> loginsByUser() {
    return snapshot(logins);
  }

  Map<String, Long> requestsByUser() {
    return snapshot(requestsByUser);
  }

  /** Zeroes the counters and forgets every session. */
  void reset() {
    sessions.clear();
    unauthorized.reset();
    cartCookieMissing.reset();
    checkouts.reset();
    logins.clear();
    requestsByUser.clear();
  }

  ObjectNode stats() {
    ObjectNode api = JSON.createObjectNode();
    api.put("unauthorized", unauthorized());
    api.put("cartCookieMissing", cartCookieMissing());
    api.put("checkouts", checkouts());
    api.set("loginsByUser", JSON.valueToTree(loginsByUser()));
    api.set("requestsByUser", JSON.valueToTree(requestsByUser()));
    return api;
  }

  private static void count(Map<String, LongAdder> counts, String user) {
    counts.computeIfAbsent(user, u -> new LongAdder()).increment();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((user, n) -> copy.put(user, n.sum()));
    return copy;
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static int parseId(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Reply error(int status, String message) {
    return new Reply(status, bytes(JSON.createObjectNode().put("error", message)), null);
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
