package io.salvo.engine.node;

import io.salvo.message.ClusterMessage;

/** Where a node's results go: the results queue in a cluster. Called from one thread at a time. */
@FunctionalInterface
public interface ResultSink {
  void send(ClusterMessage message) throws Exception;
}
