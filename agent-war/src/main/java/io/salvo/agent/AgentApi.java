package io.salvo.agent;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The agent's small REST API under {@code /agent/api}. */
@ApplicationPath("/api")
public class AgentApi extends Application {}
