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
final class Http1Connection extends ChannelInboundHandlerAdapter implements Connection {
  private final OriginPool pool;
  private final ResponseParser parser = new ResponseParser();
  // Two captures, used in turn: releasing the connection may start the next request (and its
  // capture) before the finished one's callback has read its own.
  private final Response[] responses = {new Response(), new Response()};
  private int turn;
  private Channel channel;
  private PendingRequest current;
  private long sentNanos;
  private long bytesSent;
  private boolean listed;
  private ErrorKind closedBy = ErrorKind.RESET;

  Http1Connection(OriginPool pool) {
    this.pool = pool;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.channel = ctx.channel();
  }

  @Override
  public int freeSlots() {
    return current == null && channel.isActive() ? 1 : 0;
  }

  @Override
  public int inFlight() {
    return current == null ? 0 : 1;
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
    current = request;
    sentNanos = nowNanos;
    turn ^= 1;
    Response r = responses[turn];
    r.reset(request.capture());
    parser.reset(request.head(), r);
    ByteBuf buf = channel.alloc().directBuffer(request.sizeHint());
    bytesSent = request.writeHttp1(buf);
    channel.writeAndFlush(buf, channel.voidPromise());
  }

  @Override
  public void expire(long nowNanos, long timeoutNanos) {
    if (current != null && nowNanos - sentNanos > timeoutNanos) {
      failAll(ErrorKind.TIMEOUT, nowNanos);
    }
  }

  /** Ends the in-flight request with {@code kind} and closes the connection. */
  @Override
  public void failAll(ErrorKind kind, long nowNanos) {
    PendingRequest r = current;
    current = null;
    channel.close();
    if (r != null) {
      r.onFailure(kind, nowNanos);
    }
  }

  @Override
  public void close() {
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
        failAll(ErrorKind.OTHER, pool.now());
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
    Response response = responses[turn];
    response.status(parser.status(), parser.bytes());
    long sent = sentNanos;
    long size = bytesSent;
    current = null;
    // Releasing may hand this connection to a waiting request at once, resetting the parser.
    if (parser.closeAfter()) {
      channel.close();
    } else {
      pool.released(this);
    }
    r.onResponse(response, size, sent, now);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    PendingRequest r = current;
    if (r != null) {
      long now = pool.now();
      current = null;
      if (parser.endsAtClose()) {
        Response response = responses[turn];
        response.status(parser.status(), parser.bytes());
        r.onResponse(response, bytesSent, sentNanos, now);
      } else {
        r.onFailure(closedBy, now);
      }
    }
    pool.closed(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes surface here; channelInactive follows and fails the request. A TLS
    // alert (a refused client certificate, say) fails it as a TLS error.
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof javax.net.ssl.SSLException) {
        closedBy = ErrorKind.TLS;
      }
    }
    ctx.close();
  }
}
