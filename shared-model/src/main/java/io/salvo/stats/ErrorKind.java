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
  /** A response arrived but its status failed the step's check. */
  CHECK,
  /** Anything else, such as a response that is not HTTP. */
  OTHER;

  /** The name in reports and messages: {@code connect}, {@code timeout}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
