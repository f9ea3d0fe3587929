package io.salvo.coordinator.api;

import java.util.List;

/**
 * An RFC 9457 problem-details body.
 *
 * @param field the request field at fault, such as {@code agentsCount} or {@code
 *     scenarios[0].load[0].constantRate.rate}
 * @param problems for an invalid plan, every problem with its line and column
 */
public record Problem(
    String type, String title, int status, String detail, String field, List<PlanIssue> problems) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** A problem whose type is named after its title, as every problem of the API's is. */
  static Problem of(int status, String title, String detail, String field, List<PlanIssue> issues) {
    return new Problem(
        "https://salvo.io/problems/" + title.toLowerCase().replace(' ', '-'),
        title,
        status,
        detail,
        field,
        issues);
  }

  /** One problem of a plan. */
  public record PlanIssue(int line, int column, String field, String message, String text) {}
}
