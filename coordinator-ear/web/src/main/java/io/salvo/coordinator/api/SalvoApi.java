package io.salvo.coordinator.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, at {@code /api}; its description is at {@code /api/openapi.yaml}. */
@ApplicationPath("/api")
public class SalvoApi extends Application {}
