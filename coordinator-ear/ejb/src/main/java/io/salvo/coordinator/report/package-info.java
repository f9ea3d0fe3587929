/** A run's report, assembled from what the coordinator stored: the same schema as single-node. */
package io.salvo.coordinator.report;
