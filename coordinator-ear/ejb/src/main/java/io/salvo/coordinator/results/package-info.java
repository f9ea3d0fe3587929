/**
 * Results from every node: the MDB on the results queue stores each {@code (run, node, scenario,
 * second)} once, and after the transaction commits the merged live view takes it in.
 */
package io.salvo.coordinator.results;
