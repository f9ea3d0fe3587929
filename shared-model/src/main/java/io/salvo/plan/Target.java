package io.salvo.plan;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The system under test and how Salvo connects to it.
 *
 * @param baseUrl where relative request paths resolve; {@code null} when every step has a URL
 * @param headers sent with every request unless a step overrides them
 * @param connectTimeout how long opening a connection may take before it counts as an error
 * @param requestTimeout how long a sent request may wait for its whole response
 * @param maxConnections connections per origin on each node (HTTP/1.1 keep-alive, one request at a
 *     time on each)
 */
public record Target(
    URI baseUrl,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxConnections) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONNECTIONS = 100;

  public Target {
    if (baseUrl != null) {
      HttpUrls.checkAbsolute("baseUrl", baseUrl);
    }
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    Rules.positive("connectTimeout", connectTimeout);
    Rules.positive("requestTimeout", requestTimeout);
    Rules.positive("maxConnections", maxConnections);
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
}
