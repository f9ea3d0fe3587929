package io.salvo.coordinator.api;

import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.access.Role;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Bad input becomes a problem-details response naming the field; nothing was created. */
public final class ProblemMappers {
  private ProblemMappers() {}

  static Response problem(
      int status, String title, String detail, String field, List<Problem.PlanIssue> issues) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(Problem.of(status, title, detail, field, issues))
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
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            default -> "Invalid request";
          };
      return problem(e.status(), title, e.getMessage(), e.field(), List.of());
    }
  }

  /**
   * What JAX-RS itself refuses (no such path, a method the path does not take, a body type or an
   * answer type it cannot give, a path or query parameter that does not convert): the same status,
   * with a problem body that says what was asked.
   */
  @Provider
  public static class Refused implements ExceptionMapper<WebApplicationException> {
    @Context UriInfo uri;

    @Context Request request;

    @Context HttpHeaders headers;

    @Context SecurityContext security;

    @Context ResourceInfo resource;

    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      int status = original.getStatus();
      String what = request.getMethod() + " /" + uri.getPath().replaceFirst("^/", "");
      String detail =
          switch (status) {
            case 403 ->
                what + " needs the role " + neededRole(resource) + "; " + callerRole(security);
            case 404 -> "nothing answers " + what + "; the API is described at /api/openapi.yaml";
            case 405 ->
                what
                    + " is not allowed; this path takes "
                    + String.join(", ", original.getAllowedMethods());
            case 406 -> what + " cannot answer in " + headers.getHeaderString(HttpHeaders.ACCEPT);
            case 415 ->
                what
                    + " does not take a body of type "
                    + headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
            default -> what + ": " + e.getMessage();
          };
      if (status >= 500) {
        LOG.log(Level.WARNING, what + " failed", e);
      }
      Response.ResponseBuilder b =
          Response.fromResponse(
                  problem(
                      status,
                      original.getStatusInfo().getReasonPhrase(),
                      detail,
                      status == 415 ? "Content-Type" : null,
                      null))
              .type(Problem.MEDIA_TYPE);
      if (!original.getAllowedMethods().isEmpty()) {
        b.allow(original.getAllowedMethods());
      }
      return b.build();
    }
  }

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

  /** The role the matched resource method names (each role includes the lower ones). */
  private static String neededRole(ResourceInfo resource) {
    RolesAllowed r = null;
    try {
      r = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
      if (r == null) {
        r = resource.getResourceClass().getAnnotation(RolesAllowed.class);
      }
    } catch (RuntimeException notMatched) {
      // no method matched
    }
    return r == null ? "needed" : String.join(" or ", r.value());
  }

  private static String callerRole(SecurityContext security) {
    if (security == null || security.getUserPrincipal() == null) {
      return "the request is not authenticated";
    }
    return security.getUserPrincipal().getName()
        + Role.highest(security::isUserInRole)
            .map(r -> " holds " + r.id())
            .orElse(" holds no role");
  }

  /**
   * Anything else is a fault of the coordinator, not of the request: 500, with an id that finds the
   * stack trace in the server's log. An exception that is a JAX-RS implementation's own failure
   * with a 4xx status (RESTEasy's {@code Failure.getErrorCode()}) keeps that status.
   */
  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      int status = clientErrorOf(e);
      if (status != 0) {
        return problem(status, "Invalid request", e.getMessage(), null, null);
      }
      String id = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "request failed, problem id " + id, e);
      return problem(
          500,
          "Internal error",
          "the coordinator failed to answer; its log has the cause under problem id " + id,
          null,
          null);
    }

    private static int clientErrorOf(RuntimeException e) {
      try {
        Object code = e.getClass().getMethod("getErrorCode").invoke(e);
        if (code instanceof Integer c && c >= 400 && c < 500) {
          return c;
        }
      } catch (ReflectiveOperationException | RuntimeException notOne) {
        // not a failure that carries a status
      }
      return 0;
    }
  }
}
