package io.salvo.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /agent/api/status}: who this agent is and what it has seen. */
@Path("/status")
@RequestScoped
public class StatusResource {
  private static final ObjectMapper JSON = new ObjectMapper();

  @EJB AgentNode node;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String status() throws JsonProcessingException {
    return JSON.writeValueAsString(node.status());
  }
}
