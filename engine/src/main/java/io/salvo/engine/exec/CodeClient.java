package io.salvo.engine.exec;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.code.CodeHttp;
import io.salvo.engine.code.CodeHttpException;
import io.salvo.engine.http.ConnectionListener;
import io.salvo.engine.http.OriginPool;
import io.salvo.engine.http.OriginProfile;
import io.salvo.engine.http.OriginSetup;
import io.salvo.engine.http.PendingRequest;
import io.salvo.engine.http.RequestPlan;
import io.salvo.engine.http.Response;
import io.salvo.engine.http.TlsContexts;
import io.salvo.plan.HttpProtocol;
import io.salvo.plan.HttpUrls;
import io.salvo.plan.Target;
import io.salvo.plan.TlsSettings;
import io.salvo.stats.ErrorKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLException;

/**
 * A worker's HTTP client for code steps: a pool of the worker's own connections per origin, opened
 * when code first aims at it, with the plan's target settings (HTTP version, TLS, connections per
 * origin, timeouts). Requests go on the worker's loop; replies complete there.
 */
final class CodeClient implements CodeHttp {
  private static final byte[] CRLF = {'\r', '\n'};

  private final Worker worker;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final Target target;
  private final int connections;
  private final TargetAllowList allowed;
  private final ConcurrentMap<String, OriginSetup> setups;
  private final Map<String, OriginPool> pools = new HashMap<>();

  /**
   * @param setups how to reach each origin, shared by the node's workers (resolved once)
   */
  CodeClient(
      Worker worker,
      Bootstrap bootstrap,
      Target target,
      int connections,
      TargetAllowList allowed,
      ConcurrentMap<String, OriginSetup> setups) {
    this.worker = worker;
    this.loop = worker.loop();
    this.bootstrap = bootstrap;
    this.target = target;
    this.connections = connections;
    this.allowed = allowed;
    this.setups = setups;
  }

  @Override
  public CompletableFuture<Reply> send(Request request) {
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    URI url;
    try {
      url = new URI(request.url());
    } catch (URISyntaxException e) {
      reply.completeExceptionally(
          new IllegalArgumentException("not a URL: '" + request.url() + "': " + e.getMessage()));
      return reply;
    }
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      reply.completeExceptionally(
          new IllegalArgumentException(
              "needs an absolute http:// or https:// URL, was '" + request.url() + "'"));
      return reply;
    }
    String origin = HttpUrls.origin(url);
    if (allowed != null) {
      var refused = allowed.refusal(Set.of(origin));
      if (refused.isPresent()) {
        reply.completeExceptionally(new io.salvo.engine.TargetNotAllowedException(refused.get()));
        return reply;
      }
    }
    Runnable go =
        () -> {
          OriginPool pool;
          try {
            pool = pool(origin, url);
          } catch (RuntimeException e) {
            reply.completeExceptionally(e);
            return;
          }
          pool.submit(new CodeRequest(request, url, reply));
        };
    if (loop.inEventLoop()) {
      go.run();
    } else {
      loop.execute(go);
    }
    return reply;
  }

  private OriginPool pool(String origin, URI url) {
    OriginPool p = pools.get(origin);
    if (p == null) {
      OriginSetup setup = setups.computeIfAbsent(origin, o -> setup(o, url));
      p = new OriginPool(bootstrap, setup, connections);
      pools.put(origin, p);
      worker.addPool(p);
    }
    return p;
  }

  private OriginSetup setup(String origin, URI url) {
    InetSocketAddress address;
    try {
      address = new InetSocketAddress(InetAddress.getByName(url.getHost()), HttpUrls.port(url));
    } catch (UnknownHostException e) {
      throw new CodeHttpException(
          ErrorKind.CONNECT, "cannot resolve host '" + url.getHost() + "' of " + origin);
    }
    boolean https = "https".equals(url.getScheme());
    TlsSettings tls = target.tlsOrDefault();
    HttpProtocol protocol = target.http();
    try {
      return new OriginSetup(
          origin,
          url.getHost(),
          HttpUrls.port(url),
          address,
          https ? TlsContexts.client(tls, protocol) : null,
          protocol,
          target.maxStreams(),
          target.connectTimeout().toMillis(),
          https ? TlsContexts.label(TlsContexts.provider(tls)) : null,
          https && !tls.insecure(),
          https && tls.hasClientCertificate(),
          new OriginProfile());
    } catch (SSLException e) {
      throw new CodeHttpException(
          ErrorKind.TLS, "cannot set up TLS for " + origin + ": " + e.getMessage());
    }
  }

  /** One request of a code step on a pooled connection. */
  private static final class CodeRequest implements PendingRequest {
    private final Request request;
    private final String authority;
    private final String target;
    private final String scheme;
    private final CompletableFuture<Reply> reply;
    private final boolean userAgent;

    CodeRequest(Request request, URI url, CompletableFuture<Reply> reply) {
      this.request = request;
      this.userAgent =
          request.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("user-agent"));
      this.scheme = url.getScheme();
      int port = HttpUrls.port(url);
      boolean defaultPort = port == ("https".equals(scheme) ? 443 : 80);
      this.authority = defaultPort ? url.getHost() : url.getHost() + ":" + port;
      this.target = HttpUrls.requestTarget(url);
      this.reply = reply;
    }

    @Override
    public int capture() {
      return request.keepBody() ? Response.HEADERS | Response.BODY : 0;
    }

    @Override
    public boolean head() {
      return "HEAD".equalsIgnoreCase(request.method());
    }

    @Override
    public int sizeHint() {
      return 256 + (request.body() == null ? 0 : request.body().length);
    }

    @Override
    public int writeHttp1(ByteBuf out) {
      int start = out.writerIndex();
      ByteBufUtil.writeAscii(out, request.method().toUpperCase(Locale.ROOT));
      out.writeByte(' ');
      ByteBufUtil.writeUtf8(out, target);
      ByteBufUtil.writeAscii(out, " HTTP/1.1\r\nHost: ");
      ByteBufUtil.writeUtf8(out, authority);
      out.writeBytes(CRLF);
      if (!userAgent) {
        ByteBufUtil.writeAscii(out, "User-Agent: " + RequestPlan.USER_AGENT);
        out.writeBytes(CRLF);
      }
      for (Map.Entry<String, String> h : request.headers().entrySet()) {
        if (h.getKey().equalsIgnoreCase("host") || h.getKey().equalsIgnoreCase("content-length")) {
          continue;
        }
        ByteBufUtil.writeUtf8(out, h.getKey());
        out.writeByte(':');
        out.writeByte(' ');
        ByteBufUtil.writeUtf8(out, h.getValue());
        out.writeBytes(CRLF);
      }
      byte[] body = request.body();
      if (body != null) {
        ByteBufUtil.writeAscii(out, "Content-Length: " + body.length);
        out.writeBytes(CRLF);
      }
      out.writeBytes(CRLF);
      if (body != null) {
        out.writeBytes(body);
      }
      return out.writerIndex() - start;
    }

    @Override
    public Http2Headers http2Headers(long[] sizeOut) {
      Http2Headers h = new DefaultHttp2Headers(false);
      String method = request.method().toUpperCase(Locale.ROOT);
      h.method(method).scheme(scheme).authority(authority).path(target);
      long size = method.length() + scheme.length() + authority.length() + target.length();
      for (Map.Entry<String, String> e : request.headers().entrySet()) {
        String name = e.getKey().toLowerCase(Locale.ROOT);
        if (List.of("host", "connection", "content-length", "transfer-encoding", "keep-alive")
            .contains(name)) {
          continue;
        }
        h.add(AsciiString.of(name), e.getValue());
        size += name.length() + e.getValue().length();
      }
      if (!userAgent) {
        h.add("user-agent", RequestPlan.USER_AGENT);
        size += 10 + RequestPlan.USER_AGENT.length();
      }
      if (request.body() != null) {
        h.add("content-length", Integer.toString(request.body().length));
      }
      sizeOut[0] = size;
      return h;
    }

    @Override
    public ByteBuf http2Body(ByteBufAllocator alloc) {
      return request.body() == null ? null : Unpooled.wrappedBuffer(request.body());
    }

    @Override
    public void onResponse(Response response, long bytesSent, long sentNanos, long nowNanos) {
      Map<String, String> headers = Map.of();
      byte[] body = new byte[0];
      if (request.keepBody()) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < response.headerCount(); i++) {
          h.put(response.headerName(i), response.headerValue(i));
        }
        headers = h;
        body = java.util.Arrays.copyOf(response.body(), response.bodyLength());
      }
      reply.complete(new Reply(response.status(), headers, body, response.bytes()));
    }

    @Override
    public void onFailure(ErrorKind kind, long nowNanos) {
      ErrorKind k = kind == null ? ErrorKind.OTHER : kind;
      reply.completeExceptionally(
          new CodeHttpException(
              k,
              kind == null
                  ? "the run stopped before the response"
                  : k.label()
                      + ": "
                      + request.method()
                      + " "
                      + scheme
                      + "://"
                      + authority
                      + target));
    }

    @Override
    public ConnectionListener connectionListener() {
      return nanos -> {};
    }
  }
}
