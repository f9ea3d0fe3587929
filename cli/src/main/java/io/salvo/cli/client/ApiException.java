package io.salvo.cli.client;

import java.util.List;

/**
 * The coordinator refused a request (4xx, with its problem-details body) or could not be reached.
 *
 * @param status 0 when the coordinator could not be reached
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final List<String> problems;

  public ApiException(int status, String message, List<String> problems) {
    super(message);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  public int status() {
    return status;
  }

  /** Each problem of an invalid plan, with its position. */
  public List<String> problems() {
    return problems;
  }

  /** Whether the user can fix it: a bad request, an unknown id, an unreachable coordinator. */
  public boolean invalidInput() {
    return status == 0 || (status >= 400 && status < 500);
  }
}
