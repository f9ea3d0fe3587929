/**
 * An agent in WildFly: the assignments MDB with its cluster/group selector, heartbeats to the
 * coordinator, the engine on container-managed threads, results to the results queue, and a small
 * status resource. The logic is in {@code io.salvo.engine.node} and {@code io.salvo.cluster}.
 */
package io.salvo.agent;
