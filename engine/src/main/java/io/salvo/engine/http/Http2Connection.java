package io.salvo.engine.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;
import io.netty.util.AsciiString;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.salvo.stats.ErrorKind;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * One HTTP/2 connection multiplexing up to {@code min(maxStreams, the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS)} requests, on Netty's frame codec (HPACK, flow control). It is
 * ready once the server's first SETTINGS arrive. Lives on its pool's event loop.
 */
final class Http2Connection extends Http2EventAdapter implements Connection {
  /** A request on a stream, and what has arrived of its response. */
  private static final class Stream {
    final Response response = new Response();
    PendingRequest request;
    long sentNanos;
    long bytesSent;
    int status;
    long bytes;
  }

  private static final int WINDOW = 1 << 20;
  private static final AsciiString SET_COOKIE = AsciiString.cached("set-cookie");

  private final OriginPool pool;
  private final ConnectionSetup setup;
  private final int maxStreams;
  private final IntObjectMap<Stream> streams = new IntObjectHashMap<>();
  private final ArrayDeque<Stream> spare = new ArrayDeque<>();
  private final long[] size = new long[1];
  private Http2ConnectionHandler handler;
  private ChannelHandlerContext ctx;
  private Channel channel;
  private int capacity;
  private boolean ready;
  private boolean goingAway;
  private boolean listed;
  private boolean reading;

  Http2Connection(OriginPool pool, ConnectionSetup setup, int maxStreams) {
    this.pool = pool;
    this.setup = setup;
    this.maxStreams = maxStreams;
  }

  /** Adds the HTTP/2 codec to the pipeline; it sends the connection preface at once. */
  void install(ChannelPipeline pipeline) {
    // Requests carry small bodies, if any: a uniform byte distributor is enough, and cheaper per
    // stream than the default priority tree (weighted fair queueing).
    DefaultHttp2Connection connection = new DefaultHttp2Connection(false);
    connection
        .remote()
        .flowController(
            new DefaultHttp2RemoteFlowController(
                connection, new UniformStreamByteDistributor(connection)));
    handler =
        new Http2ConnectionHandlerBuilder()
            .connection(connection)
            .frameListener(this)
            .validateHeaders(false)
            .initialSettings(
                Http2Settings.defaultSettings()
                    .pushEnabled(false)
                    .initialWindowSize(WINDOW)
                    .maxHeaderListSize(64 * 1024))
            .build();
    handler
        .connection()
        .addListener(
            new Http2ConnectionAdapter() {
              @Override
              public void onStreamClosed(Http2Stream stream) {
                // A stream reset or ended by an error the frames did not report to us.
                Stream s = streams.remove(stream.id());
                if (s != null) {
                  finishFailed(s, ErrorKind.RESET, pool.now());
                }
                // Only now does the codec count the stream out: a waiting request may take its
                // place (sooner, the codec would refuse a stream over the server's limit).
                if (ready && !goingAway) {
                  pool.released(Http2Connection.this);
                } else if (goingAway) {
                  closeWhenIdle();
                }
              }
            });
    channel = pipeline.channel();
    pipeline.addLast(
        "h2-reads",
        new ChannelInboundHandlerAdapter() {
          // Requests sent while responses are being read (a finished stream's slot taken at
          // once) are flushed together when the read ends: one write for the batch.
          @Override
          public void channelRead(ChannelHandlerContext c, Object msg) {
            reading = true;
            c.fireChannelRead(msg);
          }

          @Override
          public void channelReadComplete(ChannelHandlerContext c) {
            reading = false;
            channel.flush();
            c.fireChannelReadComplete();
          }
        });
    pipeline.addLast("h2", handler);
    pipeline.addLast(
        "h2-lifecycle",
        new ChannelInboundHandlerAdapter() {
          @Override
          public void channelInactive(ChannelHandlerContext c) {
            reading = false;
            closed();
          }

          @Override
          public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            c.close();
          }
        });
    ctx = pipeline.context(handler);
  }

  @Override
  public int freeSlots() {
    if (!ready || goingAway || !channel.isActive()) {
      return 0;
    }
    // The codec's count, not ours: a stream whose response just ended is still open in the codec
    // until its frame has been handled.
    int active = Math.max(streams.size(), handler.connection().local().numActiveStreams());
    return Math.max(0, capacity - active);
  }

  @Override
  public int inFlight() {
    return streams.size();
  }

  @Override
  public boolean listed() {
    return listed;
  }

  @Override
  public void listed(boolean l) {
    listed = l;
  }

  @Override
  public void send(PendingRequest request, long nowNanos) {
    int id = handler.connection().local().incrementAndGetNextStreamId();
    if (id < 0) {
      // Stream ids are used up: this connection takes no more; the request goes to another.
      goingAway = true;
      pool.resubmit(request);
      closeWhenIdle();
      return;
    }
    Stream s = spare.poll();
    if (s == null) {
      s = new Stream();
    }
    s.request = request;
    s.sentNanos = nowNanos;
    s.status = 0;
    s.bytes = 0;
    s.response.reset(request.capture());
    Http2Headers headers = request.http2Headers(size);
    ByteBuf body = request.http2Body(ctx.alloc());
    s.bytesSent = size[0] + (body == null ? 0 : body.readableBytes());
    streams.put(id, s);
    // A write that fails is an error the codec handles: it resets the stream or closes the
    // connection, and onStreamClosed or closed() fails the request. No promise per write.
    handler.encoder().writeHeaders(ctx, id, headers, 0, body == null, ctx.voidPromise());
    if (body != null) {
      handler.encoder().writeData(ctx, id, body, 0, true, ctx.voidPromise());
    }
    if (!reading) {
      // Through the channel, so the codec's flush writes what flow control held back.
      channel.flush();
    }
  }

  @Override
  public void onSettingsRead(ChannelHandlerContext c, Http2Settings settings) {
    Long serverMax = settings.maxConcurrentStreams();
    if (serverMax != null || !ready) {
      long limit = serverMax == null ? Integer.MAX_VALUE : serverMax;
      capacity = (int) Math.max(0, Math.min(maxStreams, limit));
      if (serverMax != null) {
        setup.origin().profile().serverMaxStreams((int) Math.min(limit, Integer.MAX_VALUE));
      }
    }
    if (!ready) {
      ready = true;
      setup.ready(this);
    } else {
      pool.released(this);
    }
  }

  @Override
  public void onHeadersRead(
      ChannelHandlerContext c, int streamId, Http2Headers headers, int padding, boolean end) {
    Stream s = streams.get(streamId);
    if (s == null) {
      return;
    }
    int status = status(headers);
    if (status >= 100 && status < 200 && !end) {
      return; // an interim response: the final headers follow
    }
    if (s.status == 0) {
      s.status = status;
    }
    if (s.response.wantsHeaders()) {
      for (Map.Entry<CharSequence, CharSequence> h : headers) {
        CharSequence name = h.getKey();
        if (name.length() > 0 && name.charAt(0) != ':') {
          s.response.header(name.toString(), h.getValue().toString());
        }
      }
    } else if (s.response.wantsCookies()) {
      for (CharSequence cookie : headers.getAll(SET_COOKIE)) {
        s.response.header("set-cookie", cookie.toString());
      }
    }
    if (end) {
      complete(streamId, s);
    }
  }

  @Override
  public void onHeadersRead(
      ChannelHandlerContext c,
      int streamId,
      Http2Headers headers,
      int dependency,
      short weight,
      boolean exclusive,
      int padding,
      boolean end) {
    onHeadersRead(c, streamId, headers, padding, end);
  }

  @Override
  public int onDataRead(
      ChannelHandlerContext c, int streamId, ByteBuf data, int padding, boolean end) {
    int n = data.readableBytes();
    Stream s = streams.get(streamId);
    if (s != null) {
      s.bytes += n;
      if (s.response.wantsBody()) {
        s.response.body(data, data.readerIndex(), n);
      }
      if (end) {
        complete(streamId, s);
      }
    }
    return n + padding; // consumed: flow control opens the window again
  }

  @Override
  public void onRstStreamRead(ChannelHandlerContext c, int streamId, long errorCode) {
    Stream s = streams.remove(streamId);
    if (s != null) {
      finishFailed(s, ErrorKind.RESET, pool.now());
    }
  }

  @Override
  public void onGoAwayRead(
      ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData) {
    goingAway = true;
    long now = pool.now();
    for (int id : streams.keySet().toArray(new Integer[0])) {
      if (id > lastStreamId) {
        Stream s = streams.remove(id);
        finishFailed(s, ErrorKind.RESET, now);
      }
    }
    pool.goingAway(this);
    closeWhenIdle();
  }

  private static int status(Http2Headers headers) {
    CharSequence s = headers.status();
    if (s == null || s.length() != 3) {
      return 0;
    }
    int v = 0;
    for (int i = 0; i < 3; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return 0;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  private void complete(int streamId, Stream s) {
    streams.remove(streamId);
    PendingRequest r = s.request;
    s.request = null;
    s.response.status(s.status, s.bytes);
    long now = pool.now();
    // The stream's slot frees when the codec closes it (onStreamClosed), right after this frame.
    r.onResponse(s.response, s.bytesSent, s.sentNanos, now);
    spare.push(s);
    if (goingAway) {
      closeWhenIdle();
    }
  }

  private void finishFailed(Stream s, ErrorKind kind, long now) {
    PendingRequest r = s.request;
    s.request = null;
    spare.push(s);
    if (r != null) {
      r.onFailure(kind, now);
    }
  }

  @Override
  public void expire(long nowNanos, long timeoutNanos) {
    boolean any = false;
    for (int id : streams.keySet().toArray(new Integer[0])) {
      Stream s = streams.get(id);
      if (s != null && nowNanos - s.sentNanos > timeoutNanos) {
        streams.remove(id);
        handler.resetStream(ctx, id, Http2Error.CANCEL.code(), ctx.newPromise());
        any = true;
        finishFailed(s, ErrorKind.TIMEOUT, nowNanos);
      }
    }
    if (any) {
      channel.flush();
    }
  }

  @Override
  public void failAll(ErrorKind kind, long nowNanos) {
    goingAway = true;
    for (int id : streams.keySet().toArray(new Integer[0])) {
      Stream s = streams.remove(id);
      if (s != null) {
        finishFailed(s, kind, nowNanos);
      }
    }
    channel.close();
  }

  @Override
  public void close() {
    channel.close();
  }

  private void closeWhenIdle() {
    if (streams.isEmpty()) {
      channel.close();
    }
  }

  private void closed() {
    goingAway = true;
    long now = pool.now();
    for (int id : streams.keySet().toArray(new Integer[0])) {
      Stream s = streams.remove(id);
      if (s != null) {
        PendingRequest r = s.request;
        s.request = null;
        if (r != null) {
          r.onFailure(ErrorKind.RESET, now);
        }
      }
    }
    if (ready) {
      pool.closed(this);
    } else if (!setup.origin().tls()) {
      setup.failed(
          ErrorKind.CONNECT,
          "the server closed the connection instead of answering HTTP/2's preface: it does not"
              + " speak HTTP/2 in cleartext (h2c, prior knowledge); use http: 1.1 (--http 1.1),"
              + " or https:// where the server offers HTTP/2");
    } else {
      setup.failed(ErrorKind.CONNECT, "the connection closed before the server's HTTP/2 settings");
    }
  }
}
