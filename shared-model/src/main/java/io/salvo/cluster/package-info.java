/**
 * The cluster's logic in plain Java, so container adapters stay thin and tests need no server: the
 * coordinator's agent directory, run planning (which agents, which share, when), the idempotent
 * merge of results, and the agents' clock offset estimate.
 */
package io.salvo.cluster;
