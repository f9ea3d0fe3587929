/** The coordinator's JMS side: publishing to the assignments topic and to the results queue. */
package io.salvo.coordinator.messaging;
