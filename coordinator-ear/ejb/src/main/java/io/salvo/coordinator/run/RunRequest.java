package io.salvo.coordinator.run;

/**
 * Start a run: of a stored plan ({@code planId}) or of a plan given inline ({@code plan}, YAML or
 * JSON text), with the plan's cluster settings or these overrides.
 *
 * @param agentsTimeout a duration such as {@code 30s}
 */
public record RunRequest(
    String planId,
    String plan,
    String clusterId,
    String agentGroup,
    Integer agentsCount,
    String agentsTimeout) {}
