/**
 * Code as a step of a scenario: what a Java program registers ({@link
 * io.salvo.engine.code.CodeRegistry}), what the engine hands it each time a session reaches the
 * step ({@link io.salvo.engine.code.CodeCall}) and what it answers ({@link
 * io.salvo.engine.code.CodeOutcome}). Salvo's SDK builds its fluent API on these.
 */
package io.salvo.engine.code;
