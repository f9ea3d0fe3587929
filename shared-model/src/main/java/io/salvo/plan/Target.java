package io.salvo.plan;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The system under test and how Salvo connects to it.
 *
 * @param baseUrl where relative request paths resolve; {@code null} when every step has a URL
 * @param headers sent with every request unless a step overrides them; templates may use built-ins
 *     only (a step's own headers may use session variables)
 * @param connectTimeout how long opening a connection (TLS handshake included) may take before it
 *     counts as an error
 * @param requestTimeout how long a sent request may wait for its whole response
 * @param maxConnections connections per origin on each node: HTTP/1.1 carries one request at a time
 *     on each, HTTP/2 up to {@code maxStreams}
 * @param http the HTTP version: {@code auto} (HTTP/2 when TLS's ALPN offers it), {@code 1.1} or
 *     {@code 2}
 * @param maxStreams the most concurrent HTTP/2 streams per connection; the server's
 *     SETTINGS_MAX_CONCURRENT_STREAMS lowers it
 * @param cookies whether each session keeps a cookie jar (Set-Cookie honoured, Cookie sent)
 * @param tls how to speak TLS to https:// origins; null when the plan does not say
 */
public record Target(
    URI baseUrl,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxConnections,
    HttpProtocol http,
    int maxStreams,
    boolean cookies,
    TlsSettings tls) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONNECTIONS = 100;
  public static final int DEFAULT_MAX_STREAMS = 100;

  public Target {
    if (baseUrl != null) {
      HttpUrls.checkAbsolute("baseUrl", baseUrl);
    }
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String field = "headers." + h.getKey();
      HttpStep.checkHeader(field, h.getKey(), h.getValue());
      if (!Template.parse(h.getValue()).variables().isEmpty()) {
        throw new PlanRuleException(
            field,
            "uses session variables, which the target's headers cannot (they go with every"
                + " request, before any is extracted): put this header on the steps that need it");
      }
    }
    Rules.positive("connectTimeout", connectTimeout);
    Rules.positive("requestTimeout", requestTimeout);
    Rules.positive("maxConnections", maxConnections);
    http = http == null ? HttpProtocol.AUTO : http;
    Rules.positive("maxStreams", maxStreams);
  }

  /** The target as it was before TLS, HTTP/2 and sessions: their defaults. */
  public Target(
      URI baseUrl,
      Map<String, String> headers,
      Duration connectTimeout,
      Duration requestTimeout,
      int maxConnections) {
    this(
        baseUrl,
        headers,
        connectTimeout,
        requestTimeout,
        maxConnections,
        HttpProtocol.AUTO,
        DEFAULT_MAX_STREAMS,
        true,
        null);
  }

  /** A target at {@code baseUrl} with default timeouts and limits. */
  public static Target of(URI baseUrl) {
    return new Target(
        baseUrl,
        Map.of(),
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS);
  }

  /** The TLS settings in force: the plan's, or the defaults. */
  public TlsSettings tlsOrDefault() {
    return tls == null ? TlsSettings.DEFAULT : tls;
  }

  public Target withTls(TlsSettings settings) {
    return new Target(
        baseUrl,
        headers,
        connectTimeout,
        requestTimeout,
        maxConnections,
        http,
        maxStreams,
        cookies,
        settings);
  }
}
