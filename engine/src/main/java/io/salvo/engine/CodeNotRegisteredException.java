package io.salvo.engine;

/** A plan's code step names code this node has not registered; nothing was started. */
public final class CodeNotRegisteredException extends IllegalArgumentException {
  public CodeNotRegisteredException(String message) {
    super(message);
  }
}
