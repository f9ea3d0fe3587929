package io.salvo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetAllowListTest {
  /** Names resolve from this table only: no test looks anything up on the network. */
  private static final Map<String, String[]> DNS =
      Map.of(
          "shop.internal", new String[] {"10.1.2.3"},
          "split.internal", new String[] {"10.1.2.3", "192.168.7.7"},
          "localhost", new String[] {"127.0.0.1", "::1"},
          "api.staging.example", new String[] {"203.0.113.9"});

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String[] a = DNS.get(host);
    if (a == null) {
      throw new UnknownHostException(host);
    }
    InetAddress[] out = new InetAddress[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = InetAddress.getByName(a[i]);
    }
    return out;
  }

  private static TargetAllowList list(String text) {
    return TargetAllowList.parse(text, TargetAllowListTest::resolve);
  }

  private static boolean allows(TargetAllowList l, String url) {
    return l.refusal(URI.create(url)).isEmpty();
  }

  @Test
  void theDefaultIsLoopbackOnly() {
    TargetAllowList l = list(null);
    assertEquals("loopback", l.toString());
    assertTrue(allows(l, "http://127.0.0.1:8080/"));
    assertTrue(allows(l, "http://127.9.9.9/"));
    assertTrue(allows(l, "https://localhost/"));
    assertTrue(allows(l, "http://[::1]:9000/"));
    assertEquals(
        Optional.of("target host 10.1.2.3 (port 80) is not in the target allow-list (loopback)"),
        l.refusal(URI.create("http://10.1.2.3/")));
    assertEquals(
        Optional.of(
            "target host shop.internal (port 443), at 10.1.2.3, is not in the target allow-list"
                + " (loopback)"),
        l.refusal(URI.create("https://shop.internal/")));
  }

  @Test
  void namesMatchExactlyOrUnderADomain() {
    TargetAllowList l = list("shop.internal, *.staging.example");
    assertTrue(allows(l, "http://shop.internal/"));
    assertTrue(allows(l, "http://SHOP.internal/"));
    assertTrue(allows(l, "https://api.staging.example/"));
    assertTrue(!allows(l, "https://staging.example/"), "the domain itself is not under it");
    assertTrue(!allows(l, "https://evil-shop.internal/"));
    assertTrue(!allows(l, "http://10.1.2.3/"), "a name entry does not admit its address");
  }

  @Test
  void rangesAdmitAddressesAndNamesWhoseEveryAddressIsInside() {
    TargetAllowList l = list("10.0.0.0/8 [fd00::]/8");
    assertTrue(allows(l, "http://10.200.0.1/"));
    assertTrue(allows(l, "http://shop.internal/"), "resolves into 10/8");
    assertTrue(!allows(l, "http://11.0.0.1/"));
    assertTrue(allows(l, "http://[fd12::1]/"));
    assertTrue(!allows(l, "http://[fe80::1]/"));
    assertEquals(
        Optional.of(
            "target host split.internal (port 80), at 192.168.7.7, is not in the target"
                + " allow-list (10.0.0.0/8, [fd00::]/8)"),
        l.refusal(URI.create("http://split.internal/")));
    assertEquals(
        Optional.of(
            "target host nowhere.internal (port 80) is not in the target allow-list (10.0.0.0/8,"
                + " [fd00::]/8) and does not resolve"),
        l.refusal(URI.create("http://nowhere.internal/")));
    assertTrue(allows(list("192.168.7.0/25"), "http://192.168.7.127/"));
    assertTrue(!allows(list("192.168.7.0/25"), "http://192.168.7.128/"));
  }

  @Test
  void portsNarrowAnEntry() {
    TargetAllowList l = list("loopback:8000-8099, shop.internal:443, *:80");
    assertTrue(allows(l, "http://127.0.0.1:8080/"));
    assertTrue(!allows(l, "http://127.0.0.1:9000/"));
    assertTrue(allows(l, "https://shop.internal/"), "443 is https' default");
    assertTrue(!allows(l, "http://shop.internal:8443/"));
    assertTrue(allows(l, "http://example.org/"), "any host on port 80");
    assertEquals(
        Optional.of(
            "target host 127.0.0.1 (port 22) is not in the target allow-list (loopback:8000-8099,"
                + " shop.internal:443, *:80)"),
        l.refusal(URI.create("http://127.0.0.1:22/")));
    assertTrue(allows(list("[::1]:9000"), "http://[::1]:9000/"));
    assertTrue(!allows(list("[::1]:9000"), "http://[::1]:9001/"));
  }

  @Test
  void aStarAdmitsEverything() {
    assertTrue(allows(list("*"), "https://example.org:8443/"));
  }

  @Test
  void theFirstRefusedOriginOfAPlanIsNamed() {
    TargetAllowList l = list("loopback");
    assertEquals(Optional.empty(), l.refusal(List.of("http://127.0.0.1:80", "https://[::1]:443")));
    assertEquals(
        Optional.of("target host 10.9.9.9 (port 8080) is not in the target allow-list (loopback)"),
        l.refusal(List.of("http://127.0.0.1:80", "http://10.9.9.9:8080")));
  }

  @Test
  void badEntriesAreNamed() {
    for (String[] c :
        new String[][] {
          {
            "10.0.0.0/33",
            "target allow-list entry '10.0.0.0/33' is not valid: the prefix"
                + " length must be 0 to 32"
          },
          {
            "10.0.0/8",
            "target allow-list entry '10.0.0/8' is not valid: '10.0.0' is not an IPv4"
                + " address of four numbers"
          },
          {
            "shop.internal:http",
            "target allow-list entry 'shop.internal:http' is not valid:"
                + " the port 'http' is not a number or a range such as 8000-8099"
          },
          {
            "loopback:9000-8000",
            "target allow-list entry 'loopback:9000-8000' is not valid:"
                + " ports are 1 to 65535, low to high"
          },
          {
            "bad_name!",
            "target allow-list entry 'bad_name!' is not valid: 'bad_name!' is not a" + " host name"
          },
          {":80", "target allow-list entry ':80' is not valid: it names no host"},
          {" , ", "the target allow-list ',' has no entry"},
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> list(c[0]), c[0]);
      assertEquals(c[1], e.getMessage());
    }
  }
}
