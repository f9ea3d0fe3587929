/**
 * A node's part of a cluster run, outside any container: which scenarios an assignment gives this
 * agent, and running them while sending interval and final results to a {@link
 * io.salvo.engine.node.ResultSink}. Agents (MDBs), the coordinator's own scenarios and the future
 * Java API share it.
 */
package io.salvo.engine.node;
