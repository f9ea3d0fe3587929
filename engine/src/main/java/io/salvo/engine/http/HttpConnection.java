package io.salvo.engine.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.salvo.stats.ErrorKind;

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time. Lives on its pool's event
 * loop; every method runs there.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
  private final OriginPool pool;
  private final ResponseParser parser = new ResponseParser();
  private Channel channel;
  private PendingRequest current;
  private long sentNanos;

  HttpConnection(OriginPool pool) {
    this.pool = pool;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.channel = ctx.channel();
  }

  boolean busy() {
    return current != null;
  }

  long sentNanos() {
    return sentNanos;
  }

  void send(PendingRequest request, long nowNanos) {
    current = request;
    sentNanos = nowNanos;
    RequestTemplate t = request.template();
    parser.reset(t.head());
    byte[] bytes = t.bytes();
    ByteBuf buf = channel.alloc().directBuffer(bytes.length);
    buf.writeBytes(bytes);
    channel.writeAndFlush(buf, channel.voidPromise());
  }

  /** Ends the in-flight request with {@code kind} and closes the connection. */
  void fail(ErrorKind kind, long nowNanos) {
    PendingRequest r = current;
    current = null;
    channel.close();
    if (r != null) {
      r.onFailure(kind, nowNanos);
    }
  }

  void close() {
    channel.close();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      if (current == null) {
        return; // bytes nobody asked for, or a response to a request that already timed out
      }
      boolean complete;
      try {
        complete = parser.parse(buf);
      } catch (ResponseParser.MalformedResponseException e) {
        fail(ErrorKind.OTHER, pool.now());
        return;
      }
      if (complete) {
        complete(pool.now());
      }
    } finally {
      buf.release();
    }
  }

  private void complete(long now) {
    PendingRequest r = current;
    int status = parser.status();
    long bytes = parser.bytes();
    long sent = sentNanos;
    current = null;
    // Releasing may hand this connection to a waiting request at once, resetting the parser.
    if (parser.closeAfter()) {
      channel.close();
    } else {
      pool.release(this);
    }
    r.onResponse(status, bytes, sent, now);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    PendingRequest r = current;
    if (r != null) {
      long now = pool.now();
      if (parser.endsAtClose()) {
        current = null;
        r.onResponse(parser.status(), parser.bytes(), sentNanos, now);
      } else {
        current = null;
        r.onFailure(ErrorKind.RESET, now);
      }
    }
    pool.closed(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes surface here; channelInactive follows and fails the request.
    ctx.close();
  }
}
