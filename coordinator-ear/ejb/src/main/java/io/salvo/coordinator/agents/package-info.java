/** The agents the coordinator knows, from their heartbeats on the control queue. */
package io.salvo.coordinator.agents;
