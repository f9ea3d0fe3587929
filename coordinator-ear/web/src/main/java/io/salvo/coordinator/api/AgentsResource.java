package io.salvo.coordinator.api;

import io.salvo.cluster.AgentDirectory;
import io.salvo.coordinator.agents.AgentRegistry;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/agents}: the agents the coordinator knows, with their state and last heartbeat. */
@Path("/agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {
  @EJB AgentRegistry registry;

  @GET
  public List<Views.AgentView> list() {
    AgentDirectory d = registry.directory();
    long now = d.now();
    return d.all().stream().map(a -> Views.AgentView.of(a, now)).toList();
  }
}
