package io.salvo.cli;

/** Invalid input the user can fix; printed as one line and exits with 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
