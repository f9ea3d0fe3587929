package io.salvo.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.salvo.target.tls.TlsFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small HTTP target, on 127.0.0.1 unless told otherwise. It speaks HTTP/1.1 and, when {@link
 * Builder#http2 asked}, HTTP/2: over TLS the protocol is chosen by ALPN ({@code h2} or {@code
 * http/1.1}); in cleartext a connection that opens with the HTTP/2 preface is HTTP/2 (h2c by prior
 * knowledge) and any other is HTTP/1.1. Both protocols serve the same paths and share the counts.
 *
 * <ul>
 *   <li>{@code /} and any other path: 200 with a 2-byte body;
 *   <li>{@code /status/{code}}: that status;
 *   <li>{@code /delay/{ms}}: 200 after that many milliseconds;
 *   <li>{@code /bytes/{n}}: 200 with an n-byte body;
 *   <li>{@code /close}: 200 with {@code Connection: close} (HTTP/2: 200, then a GOAWAY, and the
 *       connection closes a second later if the client has not closed it);
 *   <li>{@code POST /api/login} with {@code {"user": u, "password": "pw-" + u}}: a bearer token and
 *       a {@code cart} cookie; {@code GET /api/products}, {@code GET /api/products/{id}}, {@code
 *       POST /api/cart} with {@code {"productId": n, "quantity": q}} and {@code POST /api/checkout}
 *       need the token, the last two also the cookie (JSON throughout);
 *   <li>{@code /__salvo/stats}: what the target answered so far, as JSON (not counted);
 *   <li>{@code /__salvo/pause?ms=N}: holds every response due in the next N ms until the pause
 *       ends, like a target stalled by a GC pause (not counted);
 *   <li>{@code /__salvo/delay?ms=N}: from now on every counted response waits N ms more (0 undoes
 *       it): the same target made slower, for comparing two runs (not counted);
 *   <li>{@code /__salvo/reset}: zeroes the counts (not counted).
 * </ul>
 */
public final class TargetServer implements AutoCloseable {
  /** The ALPN name of HTTP/2, and its key in {@link #requests(String)}. */
  public static final String H2 = "h2";

  /** The ALPN name of HTTP/1.1, and its key in {@link #requests(String)}. */
  public static final String HTTP_1_1 = "http/1.1";

  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long an HTTP/2 connection stays open after {@code /close} sent its GOAWAY. */
  private static final long GOAWAY_LINGER_MS = 1000;

  private final EventLoopGroup group;
  private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile boolean closing;
  private final Channel server;
  private final String urlHost;
  private final SslContext ssl;
  private final boolean http2;
  private final int maxConcurrentStreams;
  private final LongAdder[] statusClasses = new LongAdder[5];
  private final LongAdder requests = new LongAdder();
  private final LongAdder http1Requests = new LongAdder();
  private final LongAdder h2Requests = new LongAdder();
  private final LongAdder connections = new LongAdder();
  private final AtomicInteger maxStreamsSeen = new AtomicInteger();
  private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());
  private final AtomicLong addedDelayMillis = new AtomicLong();
  private final ArrivalLog arrivals;
  private final ShopApi api = new ShopApi();
  private final Http2StreamFrameToHttpObjectCodec streamCodec =
      new Http2StreamFrameToHttpObjectCodec(true);
  private final ChannelInitializer<Http2StreamChannel> streamInit =
      new ChannelInitializer<>() {
        @Override
        protected void initChannel(Http2StreamChannel ch) {
          ch.pipeline()
              .addLast(streamCodec)
              .addLast(new HttpObjectAggregator(1 << 20))
              .addLast(new Handler(H2));
        }
      };

  private TargetServer(Builder options, SslContext ssl) throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      statusClasses[i] = new LongAdder();
    }
    this.ssl = ssl;
    http2 = options.http2;
    maxConcurrentStreams = options.maxConcurrentStreams;
    urlHost = urlHost(options.host);
    arrivals = new ArrivalLog(options.recordArrivals);
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(options.threads, io);
    Class<? extends ServerSocketChannel> channel =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    server =
        new ServerBootstrap()
            .group(group)
            .channel(channel)
            .option(ChannelOption.SO_BACKLOG, 4096)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    initConnection(ch);
                  }
                })
            .bind(options.host, options.port)
            .sync()
            .channel();
  }

  /** Options for a target; {@link Builder#start} starts it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a target on 127.0.0.1; port 0 picks a free port. */
  public static TargetServer start(int port, int threads) throws InterruptedException {
    return new TargetServer(builder().port(port).threads(threads), null);
  }

  /** Starts a target that also remembers the arrival instants of up to {@code max} requests. */
  public static TargetServer startRecording(int port, int threads, int max)
      throws InterruptedException {
    return new TargetServer(builder().port(port).threads(threads).recordArrivals(max), null);
  }

  public static TargetServer start(String host, int port, int threads) throws InterruptedException {
    return new TargetServer(builder().host(host).port(port).threads(threads), null);
  }

  /**
   * How to start a target. The defaults are those of {@link TargetServer#start(int, int)}:
   * 127.0.0.1, a free port, one event loop, cleartext HTTP/1.1 only.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private int threads = 1;
    private int recordArrivals;
    private TlsFiles tls;
    private boolean requireClientCert;
    private Path clientCa;
    private boolean http2;
    private int maxConcurrentStreams = 100;

    private Builder() {}

    /** The address to bind (default 127.0.0.1). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Event loop threads (default 1). */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Remembers the arrival instants of up to {@code max} requests (default 0). */
    public Builder recordArrivals(int max) {
      this.recordArrivals = max;
      return this;
    }

    /** Serves HTTPS only (TLS 1.2 and 1.3) with this certificate chain and key; null: cleartext. */
    public Builder tls(TlsFiles files) {
      this.tls = files;
      return this;
    }

    /**
     * Asks TLS clients for a certificate and verifies it against the CA certificates in {@code
     * caPem}. With {@code requireClientCert} a client without a valid certificate fails the
     * handshake; without it, a client may present none, but one it presents must be valid.
     */
    public Builder clientAuth(boolean requireClientCert, Path caPem) {
      this.requireClientCert = requireClientCert;
      this.clientCa = caPem;
      return this;
    }

    /** Also serves HTTP/2: by ALPN over TLS, by prior knowledge (h2c) in cleartext. */
    public Builder http2(boolean http2) {
      this.http2 = http2;
      return this;
    }

    /** The SETTINGS_MAX_CONCURRENT_STREAMS the target announces and enforces (default 100). */
    public Builder maxConcurrentStreams(int max) {
      this.maxConcurrentStreams = max;
      return this;
    }

    /**
     * Binds and starts the target.
     *
     * @throws IllegalArgumentException if the options contradict one another
     * @throws IOException if the TLS files cannot be read or used, or the address cannot be bound
     */
    public TargetServer start() throws IOException, InterruptedException {
      if (maxConcurrentStreams < 1) {
        throw new IllegalArgumentException(
            "maxConcurrentStreams must be > 0, was " + maxConcurrentStreams);
      }
      if (tls == null && (requireClientCert || clientCa != null)) {
        throw new IllegalArgumentException("client certificates need TLS: set tls(...)");
      }
      if (requireClientCert && clientCa == null) {
        throw new IllegalArgumentException("requiring client certificates needs a CA file");
      }
      return new TargetServer(this, tls == null ? null : sslContext());
    }

    private SslContext sslContext() throws IOException {
      SslContextBuilder b;
      try {
        b = SslContextBuilder.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile());
        if (clientCa != null) {
          b.trustManager(clientCa.toFile())
              .clientAuth(requireClientCert ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
      } catch (IllegalArgumentException e) {
        // Netty reports an unreadable or invalid PEM file as an IllegalArgumentException.
        throw new IOException(e.getMessage(), e);
      }
      b.sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2");
      if (http2) {
        b.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
      }
      b.applicationProtocolConfig(
          new ApplicationProtocolConfig(
              Protocol.ALPN,
              SelectorFailureBehavior.NO_ADVERTISE,
              SelectedListenerFailureBehavior.ACCEPT,
              http2 ? List.of(H2, HTTP_1_1) : List.of(HTTP_1_1)));
      return b.build();
    }
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * {@code http://} or, with TLS, {@code https://}, then the bound host (127.0.0.1 for a wildcard
   * address) and the port.
   */
  public String url() {
    return (ssl == null ? "http://" : "https://") + urlHost + ":" + port();
  }

  /** Requests answered, admin paths excluded. */
  public long requests() {
    return requests.sum();
  }

  /**
   * Requests answered over one protocol, admin paths excluded: {@link #H2} or {@link #HTTP_1_1}.
   */
  public long requests(String protocol) {
    return switch (protocol) {
      case H2 -> h2Requests.sum();
      case HTTP_1_1 -> http1Requests.sum();
      default -> throw new IllegalArgumentException("no protocol " + protocol);
    };
  }

  /** Responses sent of class {@code cls}: 1 for 1xx .. 5 for 5xx. */
  public long status(int cls) {
    return statusClasses[cls - 1].sum();
  }

  /** TCP connections accepted, whether or not a TLS handshake or a request followed. */
  public long connections() {
    return connections.sum();
  }

  /** The most HTTP/2 streams open at once on any one connection. */
  public int maxConcurrentStreamsSeen() {
    return maxStreamsSeen.get();
  }

  /** {@code /api/} requests refused for a missing or unknown bearer token. */
  public long unauthorized() {
    return api.unauthorized();
  }

  /** Cart and checkout requests refused for a missing or wrong {@code cart} cookie. */
  public long cartCookieMissing() {
    return api.cartCookieMissing();
  }

  /** Successful logins per user. */
  public Map<String, Long> loginsByUser() {
    return api.loginsByUser();
  }

  /** Authenticated {@code /api/} requests per user, successful logins included. */
  public Map<String, Long> requestsByUser() {
    return api.requestsByUser();
  }

  /** Successful checkouts. */
  public long checkouts() {
    return api.checkouts();
  }

  /** Holds every response until {@code millis} from now, as a stalled server would. */
  public void pause(long millis) {
    pausedUntilNanos.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /** From now on every counted response waits {@code millis} more (0: none). */
  public void addDelay(long millis) {
    addedDelayMillis.set(Math.max(0, millis));
  }

  /** Zeroes every count and forgets the shop's sessions (their tokens stop working). */
  public void reset() {
    requests.reset();
    for (LongAdder a : statusClasses) {
      a.reset();
    }
    http1Requests.reset();
    h2Requests.reset();
    connections.reset();
    maxStreamsSeen.set(0);
    api.reset();
    arrivals.clear();
  }

  /** {@link System#nanoTime()} at which each recorded request arrived, in arrival order. */
  public long[] arrivals() {
    return arrivals.snapshot();
  }

  public String statsJson() {
    ObjectNode stats = JSON.createObjectNode();
    stats.put("requests", requests());
    ObjectNode classes = stats.putObject("status");
    for (int cls = 1; cls <= 5; cls++) {
      classes.put(cls + "xx", status(cls));
    }
    stats.put("connections", connections());
    ObjectNode protocols = stats.putObject("protocols");
    protocols.put(HTTP_1_1, requests(HTTP_1_1));
    protocols.put(H2, requests(H2));
    stats.put("maxConcurrentStreamsSeen", maxConcurrentStreamsSeen());
    stats.set("api", api.stats());
    try {
      return JSON.writeValueAsString(stats);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closes the listening socket and every connection; calling it again does nothing. */
  @Override
  public void close() {
    if (group.isShuttingDown()) {
      return;
    }
    // A connection accepted while closing is closed as it registers; the others are closed here,
    // so no client is left with a connection that nobody serves (an event loop that shuts down
    // does not close a channel whose registration was still queued).
    closing = true;
    server.close().syncUninterruptibly();
    children.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private void initConnection(SocketChannel ch) {
    if (closing) {
      ch.close();
      return;
    }
    children.add(ch);
    connections.increment();
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      p.addLast(ssl.newHandler(ch.alloc()));
      if (http2) {
        p.addLast(new AlpnHandler());
      } else {
        addHttp1(p);
      }
    } else if (http2) {
      p.addLast(new PrefaceSniffer());
    } else {
      addHttp1(p);
    }
  }

  private void addHttp1(ChannelPipeline p) {
    p.addLast(new HttpServerCodec())
        .addLast(new HttpObjectAggregator(1 << 20))
        .addLast(new Handler(HTTP_1_1));
  }

  /**
   * The connection's HTTP/2 codec, and one child channel per stream that turns the stream's frames
   * into a {@link FullHttpRequest} for a {@link Handler} and its response back into frames.
   */
  private void addHttp2(ChannelPipeline p) {
    Http2FrameCodec codec =
        Http2FrameCodecBuilder.forServer()
            .initialSettings(
                Http2Settings.defaultSettings().maxConcurrentStreams(maxConcurrentStreams))
            .build();
    Http2Connection connection = codec.connection();
    connection.addListener(
        new Http2ConnectionAdapter() {
          @Override
          public void onStreamActive(Http2Stream stream) {
            int open = connection.remote().numActiveStreams();
            maxStreamsSeen.accumulateAndGet(open, Math::max);
          }
        });
    p.addLast(codec).addLast(new Http2MultiplexHandler(streamInit));
  }

  /** After the TLS handshake: HTTP/2 or HTTP/1.1 as ALPN chose, HTTP/1.1 without ALPN. */
  private final class AlpnHandler extends ApplicationProtocolNegotiationHandler {
    AlpnHandler() {
      super(HTTP_1_1);
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
      switch (protocol) {
        case H2 -> addHttp2(ctx.pipeline());
        case HTTP_1_1 -> addHttp1(ctx.pipeline());
        default -> throw new IllegalStateException("unexpected ALPN protocol " + protocol);
      }
    }

    /** A failed handshake (a missing client certificate, say) closes quietly. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /**
   * Cleartext with HTTP/2 on: reads until the first bytes either differ from the HTTP/2 preface
   * (HTTP/1.1) or are the whole preface (h2c by prior knowledge), sets up that protocol and hands
   * it the bytes read so far.
   */
  private final class PrefaceSniffer extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      int n = Math.min(in.readableBytes(), PREFACE.length);
      for (int i = 0; i < n; i++) {
        if (in.getByte(in.readerIndex() + i) != PREFACE[i]) {
          addHttp1(ctx.pipeline());
          ctx.pipeline().remove(this);
          return;
        }
      }
      if (n == PREFACE.length) {
        addHttp2(ctx.pipeline());
        ctx.pipeline().remove(this);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /**
   * Answers the requests of one HTTP/1.1 connection, or of one HTTP/2 stream ({@code protocol}
   * {@link #H2}).
   */
  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final boolean h2;
    private final LongAdder protocolRequests;

    Handler(String protocol) {
      h2 = protocol.equals(H2);
      protocolRequests = h2 ? h2Requests : http1Requests;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      long now = System.nanoTime();
      String uri = req.uri();
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      if (uri.startsWith("/__salvo/")) {
        admin(ctx, uri, keepAlive);
        return;
      }
      arrivals.add(now);
      int status = 200;
      ByteBuf body = Unpooled.wrappedBuffer(OK);
      CharSequence type = HttpHeaderValues.TEXT_PLAIN;
      String setCookie = null;
      long delayMs = 0;
      String path = new QueryStringDecoder(uri).path();
      if (path.startsWith("/api/")) {
        ShopApi.Reply reply =
            api.handle(req.method(), path, req.headers(), ByteBufUtil.getBytes(req.content()));
        status = reply.status();
        body = Unpooled.wrappedBuffer(reply.json());
        type = HttpHeaderValues.APPLICATION_JSON;
        setCookie = reply.setCookie();
      } else if (path.startsWith("/status/")) {
        status = parse(path.substring(8), 200);
      } else if (path.startsWith("/delay/")) {
        delayMs = parse(path.substring(7), 0);
      } else if (path.startsWith("/bytes/")) {
        body = Unpooled.wrappedBuffer(new byte[parse(path.substring(7), 0)]);
      } else if (path.equals("/close")) {
        keepAlive = false;
      }
      if (status < 100 || status > 599) {
        status = 500;
      }
      int length = body.readableBytes();
      // HTTP/1.1's encoder drops these bodies itself; an HTTP/2 stream would send them as DATA.
      if (h2 && (status == 204 || status == 304 || req.method().equals(HttpMethod.HEAD))) {
        body = Unpooled.EMPTY_BUFFER;
      }
      FullHttpResponse res =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
      if (!(h2 && status == 204)) {
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
      }
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
      if (setCookie != null) {
        res.headers().set(HttpHeaderNames.SET_COOKIE, setCookie);
      }
      if (!keepAlive) {
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      }
      long waitNanos =
          Math.max(
              TimeUnit.MILLISECONDS.toNanos(delayMs + addedDelayMillis.get()),
              pausedUntilNanos.get() - now);
      int cls = status / 100 - 1;
      boolean close = !keepAlive;
      Runnable send =
          () -> {
            requests.increment();
            protocolRequests.increment();
            statusClasses[cls].increment();
            write(ctx, res, close);
          };
      if (waitNanos > 0) {
        ctx.executor().schedule(send, waitNanos, TimeUnit.NANOSECONDS);
      } else {
        send.run();
      }
    }

    /**
     * Writes {@code res}, then with {@code close} closes the connection. An HTTP/2 connection gets
     * a GOAWAY after the response, which tells the client to close it once its streams are done;
     * the target closes it itself {@link #GOAWAY_LINGER_MS} later. Closing at once could reset the
     * connection (frames the client sent meanwhile are still unread) and lose the response.
     */
    private void write(ChannelHandlerContext ctx, FullHttpResponse res, boolean close) {
      ChannelFuture f = ctx.writeAndFlush(res);
      if (close) {
        if (ctx.channel() instanceof Http2StreamChannel stream) {
          f.addListener(done -> goAway(stream.parent()));
        } else {
          f.addListener(ChannelFutureListener.CLOSE);
        }
      }
    }

    private void goAway(Channel connection) {
      Http2FrameCodec codec = connection.pipeline().get(Http2FrameCodec.class);
      if (codec == null || codec.connection().goAwaySent()) {
        return;
      }
      connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
      connection
          .eventLoop()
          .schedule(() -> connection.close(), GOAWAY_LINGER_MS, TimeUnit.MILLISECONDS);
    }

    private void admin(ChannelHandlerContext ctx, String uri, boolean keepAlive) {
      QueryStringDecoder q = new QueryStringDecoder(uri);
      String body;
      int status = 200;
      switch (q.path()) {
        case "/__salvo/stats" -> body = statsJson();
        case "/__salvo/pause" -> {
          long ms =
              q.parameters().containsKey("ms") ? parse(q.parameters().get("ms").get(0), 0) : 0;
          pause(ms);
          body = "{\"pausedMs\":" + ms + "}";
        }
        case "/__salvo/delay" -> {
          long ms =
              q.parameters().containsKey("ms") ? parse(q.parameters().get("ms").get(0), 0) : 0;
          addDelay(ms);
          body = "{\"delayMs\":" + Math.max(0, ms) + "}";
        }
        case "/__salvo/reset" -> {
          reset();
          body = "{}";
        }
        default -> {
          status = 404;
          body = "{\"error\":\"unknown admin path\"}";
        }
      }
      ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
      FullHttpResponse res =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content);
      res.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
      write(ctx, res, !keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** The host for {@link #url()}: 127.0.0.1 for a wildcard address, IPv6 in brackets. */
  private static String urlHost(String host) {
    if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static int parse(String s, int fallback) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
