package io.salvo.plan;

/** One step of a scenario: an HTTP request or a pause. */
public sealed interface Step permits HttpStep, ThinkTime {}
