package io.salvo.engine.http;

import io.salvo.stats.ErrorKind;

/**
 * A request waiting for, or travelling on, a connection, and where its outcome goes. All calls
 * happen on the event loop that owns the connection pool.
 */
public interface PendingRequest {
  RequestTemplate template();

  /**
   * The complete response arrived.
   *
   * @param sentNanos when the request was written to the connection
   * @param nowNanos when its last byte arrived
   */
  void onResponse(int status, long bytesReceived, long sentNanos, long nowNanos);

  /**
   * The request failed without a complete response.
   *
   * @param kind why; {@code null} when it was abandoned because the run was stopped
   */
  void onFailure(ErrorKind kind, long nowNanos);
}
