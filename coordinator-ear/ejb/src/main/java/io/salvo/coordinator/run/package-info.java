/**
 * A run's life on the coordinator: validating and creating it, waiting for its agents, publishing
 * the assignment, running the coordinator's own scenarios, watching for lost agents, and finishing
 * it once every node has reported. The decisions are in {@code io.salvo.cluster}.
 */
package io.salvo.coordinator.run;
