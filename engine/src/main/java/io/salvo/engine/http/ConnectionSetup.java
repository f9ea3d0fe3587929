package io.salvo.engine.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.salvo.plan.HttpProtocol;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.OriginInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * Opens one connection: TCP, then the TLS handshake (timed, and recorded apart from request
 * latency), then the HTTP version ALPN or the plan chose, and hands the ready connection to its
 * pool. A probe connection instead reports how it was set up and closes. Runs on the pool's loop.
 */
final class ConnectionSetup extends ChannelInboundHandlerAdapter {
  private final OriginPool pool;
  private final OriginSetup origin;
  private final long startedNanos;
  private final ConnectionListener listener;
  private final CompletableFuture<OriginInfo> probe;
  private Channel channel;
  private SslHandler ssl;
  private long handshakeStart;
  private String protocol;
  private boolean done;
  private final List<Object> early = new ArrayList<>(1);

  ConnectionSetup(
      OriginPool pool,
      OriginSetup origin,
      long startedNanos,
      ConnectionListener listener,
      CompletableFuture<OriginInfo> probe) {
    this.pool = pool;
    this.origin = origin;
    this.startedNanos = startedNanos;
    this.listener = listener;
    this.probe = probe;
  }

  OriginSetup origin() {
    return origin;
  }

  long startedNanos() {
    return startedNanos;
  }

  boolean done() {
    return done;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (origin.tls()) {
      ssl = origin.sslContext().newHandler(ctx.alloc(), origin.host(), origin.port());
      ssl.setHandshakeTimeoutMillis(origin.connectTimeoutMillis());
      handshakeStart = pool.now();
      ctx.pipeline().addBefore(ctx.name(), "tls", ssl);
    } else if (origin.protocol() == HttpProtocol.HTTP_2) {
      install(ctx, "h2c");
    } else {
      install(ctx, "http/1.1");
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof SslHandshakeCompletionEvent e)) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    if (!e.isSuccess()) {
      failed(ErrorKind.TLS, TlsErrors.explain(e.cause(), origin));
      return;
    }
    if (listener != null) {
      listener.tlsHandshake(pool.now() - handshakeStart);
    }
    String alpn = ssl.applicationProtocol();
    if ("h2".equals(alpn)) {
      install(ctx, "h2");
    } else if (origin.protocol() == HttpProtocol.HTTP_2) {
      failed(
          ErrorKind.OTHER,
          "the server did not agree to HTTP/2 in the TLS handshake (ALPN chose "
              + (alpn == null ? "nothing" : alpn)
              + "); use http: auto or 1.1");
    } else {
      install(ctx, "http/1.1");
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    // Bytes that came with the end of the TLS handshake (a server's HTTP/2 SETTINGS, typically)
    // wait for the protocol's handler.
    early.add(msg);
  }

  private void install(ChannelHandlerContext ctx, String proto) {
    protocol = proto;
    var pipeline = ctx.pipeline();
    Http1Connection h1 = null;
    if (proto.startsWith("h2")) {
      origin.profile().http2(true);
      new Http2Connection(pool, this, origin.maxStreams()).install(pipeline);
    } else {
      h1 = new Http1Connection(pool);
      pipeline.addLast("http1", h1);
    }
    for (Object msg : early) {
      ctx.fireChannelRead(msg);
    }
    early.clear();
    pipeline.remove(this);
    if (h1 != null) {
      ready(h1);
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    for (Object msg : early) {
      ReferenceCountUtil.release(msg);
    }
    early.clear();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    failed(
        origin.tls() && ssl != null ? ErrorKind.TLS : ErrorKind.CONNECT,
        origin.tls() && ssl != null ? TlsErrors.explain(cause, origin) : String.valueOf(cause));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    failed(ErrorKind.CONNECT, "the server closed the connection while it was being set up");
  }

  /** The connection is ready for requests. */
  void ready(Connection c) {
    if (done) {
      c.close();
      return;
    }
    done = true;
    if (probe != null) {
      OriginInfo info = info();
      if (ssl != null && c instanceof Http1Connection && "TLSv1.3".equals(info.tlsVersion())) {
        awaitRefusal(info, c);
      } else {
        probe.complete(info);
        c.close();
      }
    } else {
      pool.ready(this, c);
    }
  }

  /**
   * In TLS 1.3 a client's handshake ends before the server has judged its certificate: a server
   * that refuses it (or wanted one) says so with an alert just after. An HTTP/2 server's first
   * SETTINGS prove it accepted; over HTTP/1.1 the probe listens a moment for the refusal instead.
   */
  private void awaitRefusal(OriginInfo info, Connection c) {
    channel
        .pipeline()
        .addBefore(
            "http1",
            "probe-refusal",
            new ChannelInboundHandlerAdapter() {
              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                probe.completeExceptionally(
                    new SetupException(ErrorKind.TLS, TlsErrors.explain(cause, origin)));
                ctx.fireExceptionCaught(cause);
              }

              @Override
              public void channelInactive(ChannelHandlerContext ctx) {
                probe.completeExceptionally(
                    new SetupException(
                        ErrorKind.TLS,
                        "the server closed the connection right after the TLS handshake"
                            + (origin.clientCertificate()
                                ? ": it refused Salvo's client certificate?"
                                : ": it may require a client certificate (target.tls.clientCert"
                                    + " and clientKey, or clientKeystore; --cert and --key)")));
                ctx.fireChannelInactive();
              }
            });
    channel
        .eventLoop()
        .schedule(
            () -> {
              probe.complete(info);
              c.close();
            },
            REFUSAL_WAIT_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  /** How long a TLS 1.3 probe listens for a refusal of the client's certificate. */
  private static final long REFUSAL_WAIT_MILLIS = 300;

  /** Setting up failed (TCP, TLS, HTTP/2 preface, or a timeout). */
  void failed(ErrorKind kind, String why) {
    if (done) {
      return;
    }
    done = true;
    if (channel != null) {
      channel.close();
    }
    if (probe != null) {
      probe.completeExceptionally(new SetupException(kind, why));
    } else {
      pool.setupFailed(this, kind, why);
    }
  }

  private OriginInfo info() {
    String version = null;
    String cipher = null;
    if (ssl != null) {
      SSLSession session = ssl.engine().getSession();
      version = session.getProtocol();
      cipher = session.getCipherSuite();
    }
    return new OriginInfo(
        origin.origin(), protocol, version, cipher, origin.tlsProvider(), origin.verified());
  }

  /** Why a probe could not set up a connection. */
  static final class SetupException extends Exception {
    private final ErrorKind kind;

    SetupException(ErrorKind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    ErrorKind kind() {
      return kind;
    }
  }
}
