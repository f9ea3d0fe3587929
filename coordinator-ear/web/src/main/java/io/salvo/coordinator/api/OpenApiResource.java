package io.salvo.coordinator.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** {@code /api/openapi.yaml}: the API's OpenAPI 3.1 description. */
@Path("/openapi.yaml")
@RequestScoped
public class OpenApiResource {
  @GET
  @Produces("application/yaml")
  public String description() throws IOException {
    try (InputStream in = OpenApiResource.class.getResourceAsStream("openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
