package io.salvo.engine.code;

import io.salvo.stats.ErrorKind;

/** A code step's HTTP request got no response. */
public final class CodeHttpException extends RuntimeException {
  private final ErrorKind kind;

  public CodeHttpException(ErrorKind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** Why: {@code connect}, {@code timeout}, {@code reset}, {@code tls} or {@code other}. */
  public ErrorKind kind() {
    return kind;
  }
}
