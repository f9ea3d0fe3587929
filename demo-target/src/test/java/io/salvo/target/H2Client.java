package io.salvo.target;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cleartext HTTP/2 client by prior knowledge (h2c), one connection, for what the JDK's HttpClient
 * cannot do: h2c without an upgrade, and opening more streams than the server allows.
 */
final class H2Client implements AutoCloseable {
  /** A response: its status and body. */
  record Response(int status, String body) {}

  /** A stream the server reset, with the RST_STREAM error code. */
  static final class StreamResetException extends IOException {
    final long errorCode;

    StreamResetException(long errorCode) {
      super("stream reset, error code " + errorCode);
      this.errorCode = errorCode;
    }
  }

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final int port;
  private final Channel channel;
  private final CompletableFuture<Http2Settings> settings = new CompletableFuture<>();
  private final CompletableFuture<Long> goAway = new CompletableFuture<>();

  /**
   * Connects to 127.0.0.1:{@code port}. With {@code ignoreStreamLimit} the client opens as many
   * streams as asked, past the server's SETTINGS_MAX_CONCURRENT_STREAMS, so that the server's own
   * enforcement shows. With {@code closeOnGoAway} it closes the connection after a GOAWAY once no
   * stream is open, as browsers do; without, it leaves that to the server.
   */
  H2Client(int port, boolean ignoreStreamLimit, boolean closeOnGoAway) throws InterruptedException {
    this.port = port;
    Http2FrameCodec codec = Http2FrameCodecBuilder.forClient().build();
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(codec)
                        .addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()))
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof Http2SettingsFrame s) {
                                  if (ignoreStreamLimit) {
                                    codec.connection().local().maxActiveStreams(Integer.MAX_VALUE);
                                  }
                                  settings.complete(s.settings());
                                } else if (msg instanceof Http2GoAwayFrame g) {
                                  goAway.complete(g.errorCode());
                                  if (closeOnGoAway && codec.connection().numActiveStreams() == 0) {
                                    ctx.close();
                                  }
                                }
                                ReferenceCountUtil.release(msg);
                              }

                              @Override
                              public void exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
                                ctx.close();
                              }
                            });
                  }
                })
            .connect("127.0.0.1", port)
            .sync()
            .channel();
  }

  /** The server's first SETTINGS. */
  Http2Settings settings() throws Exception {
    return settings.get(5, TimeUnit.SECONDS);
  }

  /** The error code of the server's GOAWAY, once it sent one. */
  CompletableFuture<Long> goAway() {
    return goAway;
  }

  Channel channel() {
    return channel;
  }

  /** Sends a GET on a new stream. */
  CompletableFuture<Response> get(String path) {
    CompletableFuture<Response> result = new CompletableFuture<>();
    new Http2StreamChannelBootstrap(channel)
        .handler(
            new ChannelInitializer<Http2StreamChannel>() {
              @Override
              protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline()
                    .addLast(new Http2StreamFrameToHttpObjectCodec(false))
                    .addLast(new HttpObjectAggregator(1 << 20))
                    .addLast(
                        new SimpleChannelInboundHandler<FullHttpResponse>() {
                          @Override
                          protected void channelRead0(
                              ChannelHandlerContext ctx, FullHttpResponse res) {
                            result.complete(
                                new Response(
                                    res.status().code(),
                                    res.content().toString(StandardCharsets.UTF_8)));
                          }

                          @Override
                          public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt instanceof Http2ResetFrame reset) {
                              result.completeExceptionally(
                                  new StreamResetException(reset.errorCode()));
                            }
                          }

                          @Override
                          public void channelInactive(ChannelHandlerContext ctx) {
                            result.completeExceptionally(
                                new IOException("stream closed without a response"));
                          }

                          @Override
                          public void exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
                            result.completeExceptionally(e);
                            ctx.close();
                          }
                        });
              }
            })
        .open()
        .addListener(
            opened -> {
              if (!opened.isSuccess()) {
                result.completeExceptionally(opened.cause());
                return;
              }
              Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
              DefaultFullHttpRequest req =
                  new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
              req.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + port);
              stream
                  .writeAndFlush(req)
                  .addListener(
                      written -> {
                        if (!written.isSuccess()) {
                          result.completeExceptionally(written.cause());
                        }
                      });
            });
    return result;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
