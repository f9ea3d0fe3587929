package io.salvo.engine.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.Http2Headers;
import io.salvo.stats.ErrorKind;

/**
 * A request waiting for, or travelling on, a connection: it renders itself for the protocol the
 * connection speaks, and takes its outcome. All calls happen on the event loop that owns the pool.
 */
public interface PendingRequest {
  /**
   * What to keep of the response: a mask of {@link Response#HEADERS}, {@code BODY}, {@code
   * COOKIES}.
   */
  int capture();

  /** Whether the response to this request has no body whatever its headers say (HEAD). */
  boolean head();

  /** About how many bytes the HTTP/1.1 request takes (its exact size when nothing varies). */
  int sizeHint();

  /** Writes the request as HTTP/1.1; returns the bytes written. */
  int writeHttp1(ByteBuf out);

  /**
   * The request's HTTP/2 headers (pseudo-headers included).
   *
   * @param sizeOut receives at index 0 the size of its header block before compression
   */
  Http2Headers http2Headers(long[] sizeOut);

  /** The request body for HTTP/2, or null for none. */
  ByteBuf http2Body(ByteBufAllocator alloc);

  /**
   * The complete response arrived.
   *
   * @param response its status, size and what was captured of it; valid only during this call
   * @param bytesSent the request's size on the wire (HTTP/2: header block before compression)
   * @param sentNanos when the request was written to the connection
   * @param nowNanos when its last byte arrived
   */
  void onResponse(Response response, long bytesSent, long sentNanos, long nowNanos);

  /**
   * The request failed without a complete response.
   *
   * @param kind why; {@code null} when it was abandoned because the run was stopped
   */
  void onFailure(ErrorKind kind, long nowNanos);

  /** Where the TLS handshake of a connection opened for this request is recorded. */
  ConnectionListener connectionListener();
}
