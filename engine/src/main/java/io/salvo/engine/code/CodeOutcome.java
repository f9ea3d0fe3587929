package io.salvo.engine.code;

/**
 * How a code step ended.
 *
 * @param status an HTTP-like status code (100 to 599) counted by its class, or 0 for none: a
 *     failure without one counts as a {@code code} error
 * @param bytes what the step received, counted as bytes in
 * @param message why it failed (the report counts failures by it), or null
 */
public record CodeOutcome(boolean ok, int status, long bytes, String message) {
  /** The longest failure message kept; longer ones are cut. */
  public static final int MAX_MESSAGE = 120;

  public CodeOutcome {
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException(
          "status must be 100 to 599 (or 0 for none), was " + status);
    }
    if (ok && status == 0) {
      status = 200;
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
    }
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE);
    }
  }

  public static CodeOutcome ok(int status, long bytes) {
    return new CodeOutcome(true, status, bytes, null);
  }

  public static CodeOutcome fail(int status, String message) {
    return new CodeOutcome(false, status, 0, message == null ? "failed" : message);
  }

  /** A failure by an exception: counted under its class's simple name. */
  public static CodeOutcome thrown(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CodeHttpException h) {
      return new CodeOutcome(false, 0, 0, "http " + h.kind().label());
    }
    return new CodeOutcome(false, 0, 0, cause.getClass().getSimpleName());
  }
}
