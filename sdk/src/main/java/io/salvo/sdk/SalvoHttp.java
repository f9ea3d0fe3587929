package io.salvo.sdk;

import io.salvo.engine.code.CodeHttp;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP for code scenarios, on Salvo's Netty engine: the worker's own connections to each origin
 * (kept alive, HTTP/1.1 or HTTP/2 and TLS as the runner's target settings say). Replies complete on
 * the worker's event loop: chain non-blocking work on them, or {@code join()} from a blocking
 * scenario. A request that gets no response fails the future with the reason (connect, timeout,
 * reset, tls), which the step counts as that kind of error.
 */
public final class SalvoHttp {
  private final CodeHttp http;

  SalvoHttp(CodeHttp http) {
    this.http = http;
  }

  public CompletableFuture<Reply> get(String url) {
    return request("GET", url).send();
  }

  public CompletableFuture<Reply> post(String url, String contentType, String body) {
    return request("POST", url).header("Content-Type", contentType).body(body).send();
  }

  /** A request to build: {@code http.request("PUT", url).header(...).body(...).send()}. */
  public Request request(String method, String url) {
    return new Request(method, url);
  }

  /** A request being built. */
  public final class Request {
    private final String method;
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private boolean keepBody = true;

    private Request(String method, String url) {
      this.method = method.toUpperCase(Locale.ROOT);
      this.url = url;
    }

    public Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Request body(String text) {
      return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public Request body(byte[] bytes) {
      this.body = bytes;
      return this;
    }

    /** Counts the reply's size but keeps neither its body nor its headers (faster). */
    public Request discardBody() {
      this.keepBody = false;
      return this;
    }

    public CompletableFuture<Reply> send() {
      return http.send(new CodeHttp.Request(method, url, headers, body, keepBody))
          .thenApply(Reply::new);
    }
  }

  /** A response. */
  public static final class Reply {
    private final CodeHttp.Reply reply;

    Reply(CodeHttp.Reply reply) {
      this.reply = reply;
    }

    public int status() {
      return reply.status();
    }

    /** A header's value (the last one when repeated), or null; none when the body was discarded. */
    public String header(String name) {
      return reply.headers().get(name.toLowerCase(Locale.ROOT));
    }

    /** The body (at most 1 MiB of it), empty when discarded. */
    public byte[] body() {
      return reply.body().clone();
    }

    public String text() {
      return reply.text();
    }

    /** The response's size on the wire, in bytes. */
    public long size() {
      return reply.bytes();
    }
  }
}
