package io.salvo.engine.http;

/** Hears about the connections a request caused to be opened. */
@FunctionalInterface
public interface ConnectionListener {
  /** A connection completed its TLS handshake in {@code nanos} (after its TCP connect). */
  void tlsHandshake(long nanos);
}
