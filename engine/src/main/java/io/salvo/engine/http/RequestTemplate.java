package io.salvo.engine.http;

import io.salvo.plan.HttpStep;
import io.salvo.plan.HttpUrls;
import io.salvo.plan.Target;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request step encoded once as HTTP/1.1 bytes; sending it copies those bytes into a pooled
 * buffer, so a request costs no encoding and no garbage.
 */
public final class RequestTemplate {
  static final String USER_AGENT = "salvo/0.1";

  private final byte[] bytes;
  private final boolean head;
  private final URI url;
  private final String origin;

  private RequestTemplate(byte[] bytes, boolean head, URI url) {
    this.bytes = bytes;
    this.head = head;
    this.url = url;
    this.origin = HttpUrls.origin(url);
  }

  public static RequestTemplate of(Target target, HttpStep step) {
    URI url = step.resolve(target);
    Map<String, String> headers = new LinkedHashMap<>();
    int port = HttpUrls.port(url);
    boolean defaultPort = port == ("https".equals(url.getScheme()) ? 443 : 80);
    headers.put("host", "Host: " + url.getHost() + (defaultPort ? "" : ":" + port));
    headers.put("user-agent", "User-Agent: " + USER_AGENT);
    target.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), k + ": " + v));
    step.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), k + ": " + v));
    byte[] body = step.body() == null ? new byte[0] : step.body().getBytes(StandardCharsets.UTF_8);
    if (step.body() != null || !(step.method().equals("GET") || step.method().equals("HEAD"))) {
      headers.put("content-length", "Content-Length: " + body.length);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(step.method())
        .append(' ')
        .append(HttpUrls.requestTarget(url))
        .append(" HTTP/1.1\r\n");
    for (String line : headers.values()) {
      sb.append(line).append("\r\n");
    }
    sb.append("\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return new RequestTemplate(all, step.method().equals("HEAD"), url);
  }

  /** The encoded request; callers must not modify it. */
  byte[] bytes() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  /** A HEAD response has no body whatever its headers say. */
  public boolean head() {
    return head;
  }

  public URI url() {
    return url;
  }

  /** {@code scheme://host:port}: requests with the same origin share a connection pool. */
  public String origin() {
    return origin;
  }
}
