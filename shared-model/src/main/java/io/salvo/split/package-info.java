/**
 * Exact division of load: a node's stripe of a scenario's arrivals and its share of users, so the
 * nodes' parts add up to the plan's totals and their arrival instants interleave.
 */
package io.salvo.split;
