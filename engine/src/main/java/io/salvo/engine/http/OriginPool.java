package io.salvo.engine.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.salvo.stats.ErrorKind;
import io.salvo.stats.OriginInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connections to one origin, owned by one event loop: at most {@code max} connections, opened on
 * demand; requests that find no free slot wait in FIFO order (their wait counts in their latency).
 * An HTTP/1.1 connection has one slot, an HTTP/2 connection one per stream it may open; a new
 * connection is opened only when the waiting requests outnumber what the connections being opened
 * will carry. Not thread-safe: every call happens on the owning loop.
 */
public final class OriginPool {
  private final Bootstrap bootstrap;
  private final OriginSetup origin;
  private final int max;
  private final ArrayDeque<Connection> available = new ArrayDeque<>();
  private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
  private final ArrayDeque<Long> waitingSince = new ArrayDeque<>();
  private final List<Connection> open = new ArrayList<>();
  private final List<ConnectionSetup> connecting = new ArrayList<>();
  private boolean shutdown;

  /**
   * @param bootstrap bound to the owning event loop, with channel type and options set
   */
  public OriginPool(Bootstrap bootstrap, OriginSetup origin, int max) {
    this.bootstrap = bootstrap;
    this.origin = origin;
    this.max = max;
  }

  long now() {
    return System.nanoTime();
  }

  public OriginSetup origin() {
    return origin;
  }

  /** Sends the request on a connection with a free slot, or queues it until one is free. */
  public void submit(PendingRequest request) {
    Connection c = free();
    if (c != null) {
      send(c, request);
      return;
    }
    waiting.addLast(request);
    waitingSince.addLast(now());
    connectAsNeeded();
  }

  /**
   * The most recently freed connection with a free slot. A listed connection may have closed since
   * (its channelInactive comes later): it is dropped here, never sent on.
   */
  private Connection free() {
    Connection c;
    while ((c = available.peekLast()) != null) {
      if (c.freeSlots() > 0) {
        return c;
      }
      available.pollLast();
      c.listed(false);
    }
    return null;
  }

  /** A request a connection could not take after all goes back to the front of the queue. */
  void resubmit(PendingRequest request) {
    waiting.addFirst(request);
    waitingSince.addFirst(now());
    dispatch();
    connectAsNeeded();
  }

  private void send(Connection c, PendingRequest r) {
    c.send(r, now());
    if (c.freeSlots() == 0 && c.listed()) {
      available.removeLastOccurrence(c); // the last one, usually: O(1)
      c.listed(false);
    }
  }

  private PendingRequest nextWaiting() {
    waitingSince.pollFirst();
    return waiting.pollFirst();
  }

  /** Requests waiting for a connection. */
  public int waiting() {
    return waiting.size();
  }

  /** A connection has a free slot again (a response ended, or the server raised its limit). */
  void released(Connection c) {
    while (!waiting.isEmpty() && c.freeSlots() > 0) {
      send(c, nextWaiting());
    }
    if (c.freeSlots() > 0 && !c.listed()) {
      available.addLast(c);
      c.listed(true);
    }
  }

  private void dispatch() {
    Connection c;
    while (!waiting.isEmpty() && (c = free()) != null) {
      send(c, nextWaiting());
    }
  }

  /** A connection is set up and may take requests. */
  void ready(ConnectionSetup setup, Connection c) {
    connecting.remove(setup);
    open.add(c);
    if (shutdown) {
      c.close();
      return;
    }
    released(c);
  }

  /** A connection could not be set up: the oldest waiting request fails with {@code kind}. */
  void setupFailed(ConnectionSetup setup, ErrorKind kind, String why) {
    connecting.remove(setup);
    PendingRequest r = nextWaiting();
    if (r != null) {
      r.onFailure(kind, now());
    }
    // Every waiting request gets its own attempt, so each one that cannot connect fails.
    connectAsNeeded();
  }

  /** The server will take no new streams on this connection. */
  void goingAway(Connection c) {
    if (c.listed()) {
      available.remove(c);
      c.listed(false);
    }
    connectAsNeeded();
  }

  void closed(Connection c) {
    open.remove(c);
    if (c.listed()) {
      available.remove(c);
      c.listed(false);
    }
    connectAsNeeded();
  }

  /** How many requests the connections being opened are expected to carry. */
  private long expectedSlots() {
    int perConnection =
        origin.profile().http2()
            ? Math.max(1, Math.min(origin.maxStreams(), origin.profile().serverMaxStreams()))
            : 1;
    return (long) connecting.size() * perConnection;
  }

  private void connectAsNeeded() {
    while (!shutdown && open.size() + connecting.size() < max && waiting.size() > expectedSlots()) {
      connect(waiting.peekFirst().connectionListener(), null);
    }
  }

  private void connect(ConnectionListener listener, CompletableFuture<OriginInfo> probe) {
    ConnectionSetup setup = new ConnectionSetup(this, origin, now(), listener, probe);
    if (probe == null) {
      connecting.add(setup);
    }
    ChannelFuture f = bootstrap.clone().handler(setup).connect(origin.address());
    f.addListener(
        (ChannelFuture done) -> {
          if (!done.isSuccess()) {
            setup.failed(ErrorKind.CONNECT, TlsErrors.connectFailure(done.cause()));
          }
        });
  }

  /**
   * Opens one connection to see how the origin is spoken to (the HTTP version ALPN chose, the TLS
   * version and cipher) and closes it; fails with the reason it could not be set up.
   */
  public CompletableFuture<OriginInfo> probe() {
    CompletableFuture<OriginInfo> f = new CompletableFuture<>();
    bootstrap.config().group().execute(() -> connect(null, f));
    return f;
  }

  /**
   * Fails every request in flight for longer than {@code timeoutNanos}, stalled set-ups, and
   * requests that have waited that long for a connection or stream (when none could take them: the
   * connections are all going away, say).
   */
  public void expire(long nowNanos, long timeoutNanos) {
    while (!waiting.isEmpty() && nowNanos - waitingSince.peekFirst() > timeoutNanos) {
      nextWaiting().onFailure(ErrorKind.TIMEOUT, nowNanos);
    }
    for (Connection c : open.toArray(new Connection[0])) {
      c.expire(nowNanos, timeoutNanos);
    }
    long setupTimeout = TimeUnit.MILLISECONDS.toNanos(origin.connectTimeoutMillis());
    for (ConnectionSetup s : connecting.toArray(new ConnectionSetup[0])) {
      if (nowNanos - s.startedNanos() > setupTimeout + TimeUnit.MILLISECONDS.toNanos(100)) {
        s.failed(ErrorKind.CONNECT, "the connection was not set up within the connect timeout");
      }
    }
  }

  /**
   * Fails whatever is in flight or waiting with {@code kind} ({@code null}: abandons it) and closes
   * every connection.
   */
  public void shutdown(ErrorKind inFlight) {
    shutdown = true;
    long now = now();
    PendingRequest r;
    while ((r = nextWaiting()) != null) {
      r.onFailure(inFlight, now);
    }
    for (Connection c : open.toArray(new Connection[0])) {
      if (c.inFlight() > 0) {
        c.failAll(inFlight, now);
      } else {
        c.close();
      }
    }
    for (ConnectionSetup s : connecting.toArray(new ConnectionSetup[0])) {
      s.failed(ErrorKind.CONNECT, "the run ended");
    }
  }
}
