package io.salvo.sdk;

import io.salvo.engine.code.CodeOutcome;

/**
 * What a code scenario answers: ok or failed, with a status code (counted by its class, like an
 * HTTP status), the size it received, and why it failed. The report counts failures by their
 * message, so keep messages to a few stable texts (not ids).
 */
public final class SalvoResponse {
  private final CodeOutcome outcome;

  private SalvoResponse(CodeOutcome outcome) {
    this.outcome = outcome;
  }

  /** Done; counted as a 200. */
  public static SalvoResponse ok() {
    return new SalvoResponse(CodeOutcome.ok(200, 0));
  }

  /**
   * Done, with a status code such as {@code "200"} or {@code "204"}.
   *
   * @throws IllegalArgumentException for a code that is not a number from 100 to 599
   */
  public static SalvoResponse ok(String statusCode) {
    return ok(statusCode, 0);
  }

  /** Done, with a status code and the size received, in bytes. */
  public static SalvoResponse ok(String statusCode, long sizeBytes) {
    return new SalvoResponse(ok(status(statusCode), sizeBytes));
  }

  private static CodeOutcome ok(int status, long sizeBytes) {
    try {
      return CodeOutcome.ok(status, sizeBytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("SalvoResponse.ok: " + e.getMessage(), e);
    }
  }

  /** Failed, without a status code: counted as a {@code code} error under {@code message}. */
  public static SalvoResponse fail(String message) {
    return new SalvoResponse(CodeOutcome.fail(0, message));
  }

  /**
   * Failed with a status code (such as {@code "503"}): counted by its class and as a failed check
   * under {@code message}; its latency is recorded.
   */
  public static SalvoResponse fail(String statusCode, String message) {
    return new SalvoResponse(CodeOutcome.fail(status(statusCode), message));
  }

  /** An HTTP reply as a step's outcome: ok for a status below 400, failed with its status else. */
  public static SalvoResponse of(SalvoHttp.Reply reply) {
    if (reply.status() < 400) {
      return new SalvoResponse(CodeOutcome.ok(reply.status(), reply.size()));
    }
    return new SalvoResponse(
        new CodeOutcome(false, reply.status(), reply.size(), "status " + reply.status()));
  }

  public boolean isOk() {
    return outcome.ok();
  }

  /** The status code, or 0 for a failure without one. */
  public int statusCode() {
    return outcome.status();
  }

  /** Why it failed, or null. */
  public String message() {
    return outcome.message();
  }

  CodeOutcome outcome() {
    return outcome;
  }

  private static int status(String code) {
    int s;
    try {
      s = Integer.parseInt(code == null ? "" : code.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a status code must be a number from 100 to 599, was '" + code + "'");
    }
    if (s < 100 || s > 599) {
      throw new IllegalArgumentException(
          "a status code must be a number from 100 to 599, was '" + code + "'");
    }
    return s;
  }

  @Override
  public String toString() {
    return outcome.ok()
        ? "ok " + outcome.status()
        : "fail " + (outcome.status() == 0 ? "" : outcome.status() + " ") + outcome.message();
  }
}
