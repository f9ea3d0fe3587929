package io.salvo.engine;

/**
 * A part aims at a target outside the node's allow-list ({@link EngineOptions#allowedTargets()});
 * nothing was started.
 */
public final class TargetNotAllowedException extends RuntimeException {
  public TargetNotAllowedException(String message) {
    super(message);
  }
}
