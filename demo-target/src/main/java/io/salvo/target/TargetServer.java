package io.salvo.target;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small HTTP/1.1 target on 127.0.0.1.
 *
 * <ul>
 *   <li>{@code /} and any other path: 200 with a 2-byte body;
 *   <li>{@code /status/{code}}: that status;
 *   <li>{@code /delay/{ms}}: 200 after that many milliseconds;
 *   <li>{@code /bytes/{n}}: 200 with an n-byte body;
 *   <li>{@code /close}: 200 with {@code Connection: close};
 *   <li>{@code /__salvo/stats}: what the target answered so far, as JSON (not counted);
 *   <li>{@code /__salvo/pause?ms=N}: holds every response due in the next N ms until the pause
 *       ends, like a target stalled by a GC pause (not counted);
 *   <li>{@code /__salvo/reset}: zeroes the counts (not counted).
 * </ul>
 */
public final class TargetServer implements AutoCloseable {
  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

  private final EventLoopGroup group;
  private final Channel server;
  private final LongAdder[] statusClasses = new LongAdder[5];
  private final LongAdder requests = new LongAdder();
  private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());
  private final ArrivalLog arrivals;

  private TargetServer(String host, int port, int threads, int recordArrivals)
      throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      statusClasses[i] = new LongAdder();
    }
    arrivals = new ArrivalLog(recordArrivals);
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(threads, io);
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
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new Handler());
                  }
                })
            .bind(host, port)
            .sync()
            .channel();
  }

  /** Starts a target on 127.0.0.1; port 0 picks a free port. */
  public static TargetServer start(int port, int threads) throws InterruptedException {
    return new TargetServer("127.0.0.1", port, threads, 0);
  }

  /** Starts a target that also remembers the arrival instants of up to {@code max} requests. */
  public static TargetServer startRecording(int port, int threads, int max)
      throws InterruptedException {
    return new TargetServer("127.0.0.1", port, threads, max);
  }

  public static TargetServer start(String host, int port, int threads) throws InterruptedException {
    return new TargetServer(host, port, threads, 0);
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Requests answered, admin paths excluded. */
  public long requests() {
    return requests.sum();
  }

  /** Responses sent of class {@code cls}: 1 for 1xx .. 5 for 5xx. */
  public long status(int cls) {
    return statusClasses[cls - 1].sum();
  }

  /** Holds every response until {@code millis} from now, as a stalled server would. */
  public void pause(long millis) {
    pausedUntilNanos.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
  }

  public void reset() {
    requests.reset();
    for (LongAdder a : statusClasses) {
      a.reset();
    }
    arrivals.clear();
  }

  /** {@link System#nanoTime()} at which each recorded request arrived, in arrival order. */
  public long[] arrivals() {
    return arrivals.snapshot();
  }

  public String statsJson() {
    return "{\"requests\":"
        + requests()
        + ",\"status\":{\"1xx\":"
        + status(1)
        + ",\"2xx\":"
        + status(2)
        + ",\"3xx\":"
        + status(3)
        + ",\"4xx\":"
        + status(4)
        + ",\"5xx\":"
        + status(5)
        + "}}";
  }

  /** Closes the listening socket and every connection; calling it again does nothing. */
  @Override
  public void close() {
    if (group.isShuttingDown()) {
      return;
    }
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
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
      long delayMs = 0;
      String path = new QueryStringDecoder(uri).path();
      if (path.startsWith("/status/")) {
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
      FullHttpResponse res =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
      res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
      if (!keepAlive) {
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      }
      long waitNanos =
          Math.max(TimeUnit.MILLISECONDS.toNanos(delayMs), pausedUntilNanos.get() - now);
      int cls = status / 100 - 1;
      boolean close = !keepAlive;
      Runnable send =
          () -> {
            requests.increment();
            statusClasses[cls].increment();
            var f = ctx.writeAndFlush(res);
            if (close) {
              f.addListener(ChannelFutureListener.CLOSE);
            }
          };
      if (waitNanos > 0) {
        ctx.executor().schedule(send, waitNanos, TimeUnit.NANOSECONDS);
      } else {
        send.run();
      }
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
      var f = ctx.writeAndFlush(res);
      if (!keepAlive) {
        f.addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static int parse(String s, int fallback) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
