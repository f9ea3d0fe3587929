/**
 * The plan a user writes: target, scenarios, load profiles, thresholds and cluster settings, as
 * immutable records that check their own rules when built, so an invalid plan cannot exist.
 */
package io.salvo.plan;
