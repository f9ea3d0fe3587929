/**
 * Execution on one event loop: a {@link io.salvo.engine.exec.Worker} owns its connection pools, its
 * sessions and its statistics, and drives its stripe of every scenario's load without locks.
 */
package io.salvo.engine.exec;
