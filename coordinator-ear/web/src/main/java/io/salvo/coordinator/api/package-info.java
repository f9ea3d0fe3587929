/**
 * The REST API under {@code /api} (JAX-RS): plans, runs, live statistics (also as server-sent
 * events), reports and agents. Resources depend only on the JAX-RS API and the coordinator's
 * services; bad input gets a problem-details body naming the field.
 */
package io.salvo.coordinator.api;
