package io.salvo.coordinator.api;

import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.run.RunService;
import io.salvo.coordinator.store.PlanRecord;
import io.salvo.coordinator.store.RunStore;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanFormat;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;

/** {@code /api/plans}: upload (YAML or JSON, validated) and read plans. */
@Path("/plans")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlansResource {
  @EJB RunService runs;

  @EJB RunStore store;

  @Context SecurityContext security;

  @POST
  @RolesAllowed("operator")
  @Consumes({
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
    MediaType.APPLICATION_JSON,
    MediaType.TEXT_PLAIN
  })
  public Response upload(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType)
      throws PlanException {
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    PlanFormat format =
        type.contains("json")
            ? PlanFormat.JSON
            : type.contains("yaml") ? PlanFormat.YAML : PlanFormat.sniff(body == null ? "" : body);
    PlanRecord p = runs.addPlan(body, format);
    return Response.created(URI.create("/api/plans/" + p.id))
        .entity(Views.PlanView.of(p, false))
        .build();
  }

  @GET
  public List<Views.PlanView> list() {
    return store.plans(200).stream().map(p -> Views.PlanView.of(p, false)).toList();
  }

  @GET
  @Path("/{id}")
  public Views.PlanView get(@PathParam("id") String id) {
    PlanRecord p = store.plan(id);
    if (p == null) {
      throw new InvalidRequestException(404, "id", "no plan " + id);
    }
    return Views.PlanView.of(p, security.isUserInRole("operator"));
  }
}
