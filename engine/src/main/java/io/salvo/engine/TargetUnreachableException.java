package io.salvo.engine;

/** The preflight check could not open a connection to an origin; nothing was started. */
public final class TargetUnreachableException extends Exception {
  public TargetUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
