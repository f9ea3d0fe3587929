package io.salvo.sdk.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.engine.node.AgentCore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The light agent's HTTP API (JAX-RS on Jersey): {@code GET /status}, the same document as the
 * WildFly agent's {@code /agent/api/status} (the coordinator reads it to tell a silent agent that
 * still runs from a dead one), and {@code GET /health}: 200 once the agent has announced itself to
 * the broker, 503 before and while it cannot send its heartbeats.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class StatusApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The agent the API shows: none while it starts. */
  public interface Source extends Supplier<AgentCore> {}

  @Inject Source core;

  @GET
  @Path("status")
  public Response status() throws JsonProcessingException {
    AgentCore c = core.get();
    if (c == null) {
      return Response.status(503).entity("{\"state\":\"STARTING\"}").build();
    }
    return Response.ok(JSON.writeValueAsString(c.status())).build();
  }

  @GET
  @Path("health")
  public Response health() throws JsonProcessingException {
    AgentCore c = core.get();
    boolean up = c != null && c.announced();
    return Response.status(up ? 200 : 503)
        .entity(JSON.writeValueAsString(Map.of("status", up ? "UP" : "DOWN")))
        .build();
  }
}
