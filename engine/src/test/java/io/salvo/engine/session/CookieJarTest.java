package io.salvo.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CookieJarTest {
  private static final long NOW = 1_000_000;

  @Test
  void hostOnlyCookiesGoBackToTheirHostUnderTheirPath() {
    CookieJar jar = new CookieJar();
    jar.store("cart=c1; Path=/api; HttpOnly", "shop.test", "/api/login", NOW);
    jar.store("theme=dark", "shop.test", "/ui/settings?x=1", NOW);
    assertEquals("cart=c1", jar.header("shop.test", "/api/cart", false, NOW));
    assertEquals("cart=c1", jar.header("shop.test", "/api", false, NOW));
    assertNull(jar.header("shop.test", "/apiary", false, NOW));
    assertEquals("theme=dark", jar.header("shop.test", "/ui/x", false, NOW));
    assertNull(jar.header("other.test", "/api/cart", false, NOW));
    assertNull(jar.header("sub.shop.test", "/api/cart", false, NOW), "host-only");
  }

  @Test
  void domainCookiesSecureAndExpiry() {
    CookieJar jar = new CookieJar();
    jar.store("sid=1; Domain=.shop.test; Path=/; Secure", "www.shop.test", "/", NOW);
    jar.store("evil=1; Domain=other.test; Path=/", "www.shop.test", "/", NOW);
    assertEquals("sid=1", jar.header("api.shop.test", "/", true, NOW));
    assertNull(jar.header("api.shop.test", "/", false, NOW), "Secure needs https");
    jar.store("t=1; Max-Age=10; Path=/", "www.shop.test", "/", NOW);
    assertEquals("sid=1; t=1", jar.header("www.shop.test", "/", true, NOW));
    assertEquals("sid=1", jar.header("www.shop.test", "/", true, NOW + 11_000));
    jar.store("sid=2; Domain=shop.test; Path=/; Secure", "www.shop.test", "/", NOW);
    assertEquals("sid=2", jar.header("www.shop.test", "/", true, NOW), "replaced");
    jar.store("sid=x; Domain=shop.test; Path=/; Max-Age=0", "www.shop.test", "/", NOW);
    assertNull(jar.header("www.shop.test", "/", true, NOW), "deleted");
  }
}
