package io.salvo.coordinator.access;

/**
 * Who made a request, once authenticated.
 *
 * @param name a user's name, or {@code token:<name>} for an API token
 * @param role what the caller may do
 */
public record Caller(String name, Role role) {}
