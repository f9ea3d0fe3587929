package io.salvo.plan;

/** One step of a scenario: an HTTP request, code registered by a Java program, or a pause. */
public sealed interface Step permits HttpStep, CodeStep, ThinkTime {}
