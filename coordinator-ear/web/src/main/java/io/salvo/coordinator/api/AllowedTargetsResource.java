package io.salvo.coordinator.api;

import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.run.AllowedTargets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;

/**
 * The coordinator's target allow-list: anyone reads it; an admin replaces it (kept in the database,
 * in force for every run started afterwards) or goes back to the server's configured one.
 */
@Path("/allowed-targets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AllowedTargetsResource {
  @EJB AllowedTargets allowed;

  @Context SecurityContext security;

  record AllowList(String entries, String source, String configured, String setBy, Instant setAt) {
    static AllowList of(AllowedTargets.Current c) {
      return new AllowList(c.list().toString(), c.source(), c.configured(), c.setBy(), c.setAt());
    }
  }

  record AllowListRequest(String entries) {}

  @GET
  public AllowList get() {
    return AllowList.of(allowed.current());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  public AllowList set(AllowListRequest request) {
    if (request == null) {
      throw new InvalidRequestException(
          "body", "send {\"entries\": \"loopback, 10.0.0.0/8, ...\"}");
    }
    return AllowList.of(allowed.set(request.entries(), security.getUserPrincipal().getName()));
  }

  @DELETE
  @RolesAllowed("admin")
  public AllowList reset() {
    return AllowList.of(allowed.reset(security.getUserPrincipal().getName()));
  }
}
