package io.salvo.engine.code;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP for code steps, on the worker's own event loop and connections (HTTP/1.1 or HTTP/2 with the
 * plan's TLS settings). The future completes on the loop: code that chains on it must not block.
 */
public interface CodeHttp {
  /**
   * A request.
   *
   * @param url an absolute {@code http://} or {@code https://} URL
   * @param headers extra headers (Host and Content-Length are set here; User-Agent is Salvo's
   *     unless given)
   * @param body the body, or null
   * @param keepBody whether the reply keeps the body (up to 1 MiB) and headers
   */
  record Request(
      String method, String url, Map<String, String> headers, byte[] body, boolean keepBody) {
    public Request {
      if (method == null || method.isBlank()) {
        throw new IllegalArgumentException("method is required");
      }
      if (url == null) {
        throw new IllegalArgumentException("url is required");
      }
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
  }

  /**
   * A response.
   *
   * @param headers by lower-case name, the last value of each (empty unless the body was kept)
   * @param body empty unless kept
   * @param bytes the response's size on the wire
   */
  record Reply(int status, Map<String, String> headers, byte[] body, long bytes) {
    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends a request; the future fails with {@link CodeHttpException} when no response arrives
   * (connect, timeout, reset, TLS), naming why.
   */
  CompletableFuture<Reply> send(Request request);
}
