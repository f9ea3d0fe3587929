package io.salvo.coordinator.api;

import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.access.AccessService;
import io.salvo.coordinator.access.Role;
import io.salvo.coordinator.access.TokenRecord;
import io.salvo.coordinator.access.UserRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Who may use the API: the caller itself ({@code /api/whoami}, anyone), and for admins the API
 * tokens ({@code /api/tokens}: created with the secret shown once, listed, revoked) and the users
 * who sign in with a password ({@code /api/users}).
 */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccessResource {
  @EJB AccessService access;

  @Context SecurityContext security;

  record Me(String name, String role) {}

  record TokenRequest(String name, String role) {}

  record TokenView(
      String id,
      String name,
      String role,
      String createdBy,
      Instant createdAt,
      Instant lastUsedAt) {
    static TokenView of(TokenRecord t) {
      return new TokenView(
          t.id, t.name, t.role, t.createdBy, seconds(t.createdAt), seconds(t.lastUsedAt));
    }
  }

  /** A token as created: the only answer that holds its secret. */
  record CreatedTokenView(
      String id, String name, String role, String createdBy, Instant createdAt, String token) {}

  record UserRequest(String role, String password) {}

  record UserView(String name, String role, Instant updatedAt) {
    static UserView of(UserRecord u) {
      return new UserView(u.name, u.role, seconds(u.updatedAt));
    }
  }

  @GET
  @Path("whoami")
  public Me whoami() {
    return new Me(
        security.getUserPrincipal().getName(),
        Role.highest(security::isUserInRole).map(Role::id).orElse(null));
  }

  @GET
  @Path("tokens")
  @RolesAllowed("admin")
  public List<TokenView> tokens() {
    return access.tokens().stream().map(TokenView::of).toList();
  }

  @POST
  @Path("tokens")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  public Response createToken(TokenRequest request) {
    if (request == null) {
      throw new InvalidRequestException("body", "send {\"name\": ..., \"role\": ...}");
    }
    Role role = role(request.role());
    AccessService.CreatedToken c =
        access.createToken(request.name(), role, security.getUserPrincipal().getName());
    TokenRecord t = c.record();
    return Response.created(URI.create("/api/tokens/" + t.id))
        .entity(
            new CreatedTokenView(
                t.id, t.name, t.role, t.createdBy, seconds(t.createdAt), c.token()))
        .build();
  }

  @DELETE
  @Path("tokens/{id}")
  @RolesAllowed("admin")
  public Response revokeToken(@PathParam("id") String id) {
    if (!access.revokeToken(id)) {
      throw new InvalidRequestException(404, "id", "no token " + id);
    }
    return Response.noContent().build();
  }

  @GET
  @Path("users")
  @RolesAllowed("admin")
  public List<UserView> users() {
    return access.users().stream().map(UserView::of).toList();
  }

  /** Creates the user or changes its role and (when given) password: 201 when new, else 200. */
  @PUT
  @Path("users/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  public Response setUser(@PathParam("name") String name, UserRequest request) {
    if (request == null) {
      throw new InvalidRequestException("body", "send {\"role\": ..., \"password\": ...}");
    }
    Role role = role(request.role());
    AccessService.SetUser set = access.setUser(name, role, request.password());
    return (set.created() ? Response.created(URI.create("/api/users/" + name)) : Response.ok())
        .entity(UserView.of(set.user()))
        .build();
  }

  @DELETE
  @Path("users/{name}")
  @RolesAllowed("admin")
  public Response deleteUser(@PathParam("name") String name) {
    if (!access.deleteUser(name)) {
      throw new InvalidRequestException(404, "name", "no user " + name);
    }
    return Response.noContent().build();
  }

  private static Instant seconds(Instant at) {
    return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static Role role(String role) {
    try {
      return Role.of(role);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("role", e.getMessage());
    }
  }
}
