package io.salvo.engine.http;

/**
 * What a node learns about an origin from its connections, shared by every event loop's pool: which
 * HTTP version the server chose, and its stream limit. Pools use it to open no more connections
 * than the load needs when the server multiplexes.
 */
public final class OriginProfile {
  private volatile boolean http2;
  private volatile int serverMaxStreams = Integer.MAX_VALUE;

  public boolean http2() {
    return http2;
  }

  void http2(boolean h2) {
    http2 = h2;
  }

  public int serverMaxStreams() {
    return serverMaxStreams;
  }

  void serverMaxStreams(int n) {
    serverMaxStreams = n;
  }
}
