package io.salvo.cli;

/** What {@code salvo} returns to the shell. */
final class ExitCodes {
  /** The run completed and every threshold passed. */
  static final int PASSED = 0;

  /** The run completed and a threshold failed (or the run was stopped or failed). */
  static final int FAILED = 1;

  /** Invalid input or usage: a bad plan, a bad option, an unreachable target. Nothing ran. */
  static final int INVALID = 2;

  /** Salvo itself failed. */
  static final int ERROR = 3;

  private ExitCodes() {}
}
