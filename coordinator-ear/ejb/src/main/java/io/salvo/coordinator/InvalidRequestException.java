package io.salvo.coordinator;

import jakarta.ejb.ApplicationException;

/** A request the API refuses with a 4xx naming the field; nothing was created. */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {
  private final String field;
  private final int status;

  public InvalidRequestException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public InvalidRequestException(String field, String message) {
    this(400, field, message);
  }

  public String field() {
    return field;
  }

  public int status() {
    return status;
  }
}
