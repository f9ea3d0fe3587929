package io.salvo.coordinator.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code GET /api/health}: whether the coordinator's API is deployed and answering, for container
 * health checks and readiness probes. The one path under {@code /api} that needs no credentials
 * (web.xml); it tells nothing but that.
 */
@Path("/health")
@RequestScoped
public class HealthResource {
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, String> health() {
    return Map.of("status", "UP");
  }
}
