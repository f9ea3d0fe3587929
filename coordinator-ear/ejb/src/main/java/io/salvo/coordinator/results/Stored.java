package io.salvo.coordinator.results;

import io.salvo.message.ClusterMessage;

/** A result that is new and stored; observed once the storing transaction has committed. */
public record Stored(ClusterMessage result) {}
