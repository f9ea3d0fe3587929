package io.salvo.engine.session;

import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import java.util.ArrayList;
import java.util.List;

/**
 * One session's cookies, kept by RFC 6265's rules for the parts a load test meets: host-only and
 * domain cookies, default and explicit paths, {@code Secure}, {@code Max-Age} and {@code Expires}
 * (a past one deletes). Set-Cookie headers are read with Netty's lax client decoder. Not
 * thread-safe: it lives on its session's event loop.
 */
public final class CookieJar {
  private static final class Entry {
    final String name;
    String value;
    final String domain;
    final boolean hostOnly;
    final String path;
    boolean secure;
    long expiresMillis; // Long.MAX_VALUE: until the session ends

    Entry(String name, String domain, boolean hostOnly, String path) {
      this.name = name;
      this.domain = domain;
      this.hostOnly = hostOnly;
      this.path = path;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  public void clear() {
    entries.clear();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Takes a Set-Cookie header received from {@code host} for a request to {@code path}. */
  public void store(String setCookie, String host, String requestPath, long nowMillis) {
    Cookie c = ClientCookieDecoder.LAX.decode(setCookie);
    if (c == null) {
      return;
    }
    String domain = c.domain();
    boolean hostOnly = domain == null || domain.isEmpty();
    if (hostOnly) {
      domain = host.toLowerCase(java.util.Locale.ROOT);
    } else {
      domain = domain.toLowerCase(java.util.Locale.ROOT);
      if (domain.startsWith(".")) {
        domain = domain.substring(1);
      }
      if (!domainMatches(host.toLowerCase(java.util.Locale.ROOT), domain)) {
        return; // a cookie for another site: ignored, as a browser would
      }
    }
    String path = c.path();
    if (path == null || !path.startsWith("/")) {
      path = defaultPath(requestPath);
    }
    long expires = Long.MAX_VALUE;
    if (c.maxAge() != Long.MIN_VALUE) {
      expires = c.maxAge() <= 0 ? 0 : nowMillis + c.maxAge() * 1000;
    }
    Entry e = find(c.name(), domain, path);
    if (expires <= nowMillis) {
      if (e != null) {
        entries.remove(e);
      }
      return;
    }
    if (e == null) {
      e = new Entry(c.name(), domain, hostOnly, path);
      entries.add(e);
    }
    e.value = c.value();
    e.secure = c.isSecure();
    e.expiresMillis = expires;
  }

  /** The Cookie header value for a request, or null when no cookie applies. */
  public String header(String host, String requestPath, boolean https, long nowMillis) {
    StringBuilder sb = null;
    String h = host.toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.expiresMillis <= nowMillis) {
        entries.remove(i--);
        continue;
      }
      if ((e.hostOnly ? h.equals(e.domain) : domainMatches(h, e.domain))
          && pathMatches(requestPath, e.path)
          && (https || !e.secure)) {
        if (sb == null) {
          sb = new StringBuilder();
        } else {
          sb.append("; ");
        }
        sb.append(e.name).append('=').append(e.value);
      }
    }
    return sb == null ? null : sb.toString();
  }

  private Entry find(String name, String domain, String path) {
    for (Entry e : entries) {
      if (e.name.equals(name) && e.domain.equals(domain) && e.path.equals(path)) {
        return e;
      }
    }
    return null;
  }

  static boolean domainMatches(String host, String domain) {
    if (host.equals(domain)) {
      return true;
    }
    return host.endsWith(domain)
        && host.charAt(host.length() - domain.length() - 1) == '.'
        && !Character.isDigit(host.charAt(host.length() - 1));
  }

  static boolean pathMatches(String requestPath, String cookiePath) {
    String p = pathOnly(requestPath);
    if (p.equals(cookiePath)) {
      return true;
    }
    return p.startsWith(cookiePath)
        && (cookiePath.endsWith("/") || p.charAt(cookiePath.length()) == '/');
  }

  /** RFC 6265 5.1.4: the request path up to, not including, its last '/'. */
  static String defaultPath(String requestPath) {
    String p = pathOnly(requestPath);
    int last = p.lastIndexOf('/');
    return last <= 0 ? "/" : p.substring(0, last);
  }

  private static String pathOnly(String target) {
    int q = target.indexOf('?');
    String p = q < 0 ? target : target.substring(0, q);
    return p.isEmpty() ? "/" : p;
  }
}
