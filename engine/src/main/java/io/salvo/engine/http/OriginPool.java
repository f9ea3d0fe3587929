package io.salvo.engine.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.salvo.stats.ErrorKind;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keep-alive connections to one origin, owned by one event loop: at most {@code max} connections,
 * opened on demand; requests that find none free wait in FIFO order. Not thread-safe: every call
 * happens on the owning loop.
 */
public final class OriginPool {
  private final Bootstrap bootstrap;
  private final SocketAddress address;
  private final int max;
  private final ArrayDeque<HttpConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
  private final List<HttpConnection> open = new ArrayList<>();
  private int connecting;
  private boolean shutdown;

  /**
   * @param bootstrap bound to the owning event loop, with channel type and options set
   */
  public OriginPool(Bootstrap bootstrap, SocketAddress address, int max) {
    this.bootstrap = bootstrap;
    this.address = address;
    this.max = max;
  }

  long now() {
    return System.nanoTime();
  }

  /** Sends the request on a free connection, or queues it until one is free. */
  public void submit(PendingRequest request) {
    HttpConnection c = idle.pollLast();
    if (c != null) {
      c.send(request, now());
      return;
    }
    waiting.addLast(request);
    if (open.size() + connecting < max && !shutdown) {
      connect();
    }
  }

  /** Requests waiting for a connection. */
  public int waiting() {
    return waiting.size();
  }

  void release(HttpConnection c) {
    PendingRequest next = waiting.pollFirst();
    if (next != null) {
      c.send(next, now());
    } else {
      idle.addLast(c);
    }
  }

  private void connect() {
    connecting++;
    HttpConnection conn = new HttpConnection(this);
    ChannelFuture f = bootstrap.clone().handler(conn).connect(address);
    f.addListener(
        (ChannelFuture done) -> {
          connecting--;
          if (done.isSuccess()) {
            open.add(conn);
            if (shutdown) {
              conn.close();
            } else {
              release(conn);
            }
          } else {
            PendingRequest r = waiting.pollFirst();
            if (r != null) {
              r.onFailure(ErrorKind.CONNECT, now());
            }
            // Every waiting request gets its own attempt, so each one that cannot connect fails.
            if (!waiting.isEmpty() && !shutdown && open.size() + connecting < max) {
              connect();
            }
          }
        });
  }

  void closed(HttpConnection c) {
    open.remove(c);
    idle.remove(c);
    if (!waiting.isEmpty() && !shutdown && open.size() + connecting < max) {
      connect();
    }
  }

  /** Fails every request in flight for longer than {@code timeoutNanos}. */
  public void expire(long nowNanos, long timeoutNanos) {
    for (HttpConnection c : open.toArray(new HttpConnection[0])) {
      if (c.busy() && nowNanos - c.sentNanos() > timeoutNanos) {
        c.fail(ErrorKind.TIMEOUT, nowNanos);
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
    while ((r = waiting.pollFirst()) != null) {
      r.onFailure(inFlight, now);
    }
    for (HttpConnection c : open.toArray(new HttpConnection[0])) {
      if (c.busy()) {
        c.fail(inFlight, now);
      } else {
        c.close();
      }
    }
  }
}
