/**
 * The coordinator's JMS side: publishing to the clusters' assignments topics and to the results
 * queue.
 */
package io.salvo.coordinator.messaging;
