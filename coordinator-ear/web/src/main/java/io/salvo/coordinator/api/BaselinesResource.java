package io.salvo.coordinator.api;

import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.report.ComparisonService;
import io.salvo.coordinator.store.BaselineRecord;
import io.salvo.coordinator.store.RunStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** {@code /api/baselines}: each plan's baseline run and comparison tolerances, by plan name. */
@Path("/baselines")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BaselinesResource {
  @EJB RunStore store;

  @EJB ComparisonService comparisons;

  @Context SecurityContext security;

  /** What a PUT sends: both fields may be null (no baseline run; the default tolerances). */
  public record BaselineRequest(String runId, String tolerances) {}

  @GET
  public List<Views.BaselineView> list() {
    return store.baselines().stream().map(Views.BaselineView::of).toList();
  }

  @GET
  @Path("/{plan}")
  public Views.BaselineView get(@PathParam("plan") String plan) {
    BaselineRecord b = store.baseline(plan);
    if (b == null) {
      throw new InvalidRequestException(404, "plan", "plan " + plan + " has no baseline settings");
    }
    return Views.BaselineView.of(b);
  }

  @PUT
  @RolesAllowed("operator")
  @Path("/{plan}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Views.BaselineView set(@PathParam("plan") String plan, BaselineRequest request) {
    if (request == null) {
      throw new InvalidRequestException(
          "body", "send {\"runId\": ..., \"tolerances\": \"p99=10%,...\"}");
    }
    return Views.BaselineView.of(
        comparisons.set(
            plan,
            RunsResource.blank(request.runId()),
            RunsResource.blank(request.tolerances()),
            security.getUserPrincipal().getName()));
  }

  @DELETE
  @RolesAllowed("operator")
  @Path("/{plan}")
  public Response delete(@PathParam("plan") String plan) {
    if (!store.deleteBaseline(plan)) {
      throw new InvalidRequestException(404, "plan", "plan " + plan + " has no baseline settings");
    }
    return Response.noContent().build();
  }
}
