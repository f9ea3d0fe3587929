/**
 * What the coordinator keeps: plans, runs, each node's raw interval results (stored once per key),
 * final results, and the merged per-scenario and per-second results with their encoded histograms.
 * JPA entities are never serialised to clients.
 */
package io.salvo.coordinator.store;
