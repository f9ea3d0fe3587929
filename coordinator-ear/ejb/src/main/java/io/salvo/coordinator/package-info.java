/**
 * The coordinator: plans runs, publishes assignments, merges what agents send and keeps it in a
 * database. Packages by feature: {@code agents}, {@code run}, {@code results}, {@code report},
 * {@code store}, {@code messaging}.
 */
package io.salvo.coordinator;
