package io.salvo.coordinator.api;

import io.salvo.coordinator.run.InvalidRequestException;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Bad input becomes a problem-details response naming the field; nothing was created. */
public final class ProblemMappers {
  private ProblemMappers() {}

  static Response problem(
      int status, String title, String detail, String field, List<Problem.PlanIssue> issues) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem(
                "https://salvo.io/problems/" + title.toLowerCase().replace(' ', '-'),
                title,
                status,
                detail,
                field,
                issues))
        .build();
  }

  /** An invalid plan: 400 with every problem and its position. */
  @Provider
  public static class InvalidPlan implements ExceptionMapper<PlanException> {
    @Override
    public Response toResponse(PlanException e) {
      List<Problem.PlanIssue> issues =
          e.problems().stream()
              .map(
                  p ->
                      new Problem.PlanIssue(
                          p.line(), p.column(), p.path(), p.message(), p.toString()))
              .toList();
      PlanProblem first = e.problems().get(0);
      return problem(400, "Invalid plan", e.getMessage(), first.path(), issues);
    }
  }

  /** Any other refused request: its status and field. */
  @Provider
  public static class InvalidRequest implements ExceptionMapper<InvalidRequestException> {
    @Override
    public Response toResponse(InvalidRequestException e) {
      String title =
          switch (e.status()) {
            case 404 -> "Not found";
            case 409 -> "Conflict";
            default -> "Invalid request";
          };
      return problem(e.status(), title, e.getMessage(), e.field(), List.of());
    }
  }
}
