package io.salvo.engine.http;

import io.salvo.stats.ErrorKind;

/**
 * An open connection of a pool: HTTP/1.1 (one request at a time) or HTTP/2 (up to its stream
 * limit). Every method runs on the pool's event loop.
 */
interface Connection {
  /** How many more requests it can take now. */
  int freeSlots();

  /** Requests sent and not yet answered. */
  int inFlight();

  void send(PendingRequest request, long nowNanos);

  /** Fails the requests in flight for longer than {@code timeoutNanos}. */
  void expire(long nowNanos, long timeoutNanos);

  /** Fails every request in flight with {@code kind} ({@code null}: abandons them) and closes. */
  void failAll(ErrorKind kind, long nowNanos);

  void close();

  /** Whether the pool lists it among the connections with free slots. */
  boolean listed();

  void listed(boolean listed);
}
