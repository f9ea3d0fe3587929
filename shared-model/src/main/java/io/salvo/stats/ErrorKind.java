package io.salvo.stats;

import java.util.Locale;

/** Why a request failed. */
public enum ErrorKind {
  /** The connection could not be opened (refused, unreachable, connect timeout). */
  CONNECT,
  /** No complete response within the request timeout. */
  TIMEOUT,
  /** The connection was closed or reset before the response was complete. */
  RESET,
  /** A response arrived but failed a check: its status, a body check, or a required extraction. */
  CHECK,
  /** Anything else, such as a response that is not HTTP. */
  OTHER,
  /**
   * The TLS handshake failed: a certificate that is not trusted or does not name the host, a client
   * certificate the server refused or did not get, no protocol version in common.
   */
  TLS,
  /**
   * A code step (a scenario written in Java) failed without a status: its code said so, or threw.
   * The report counts each by its message or exception type among the failed checks.
   */
  CODE;

  /** The name in reports and messages: {@code connect}, {@code timeout}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
