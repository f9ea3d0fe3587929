package io.salvo.plan;

/**
 * A step that runs code a Java program registered under {@code name} (Salvo's SDK): a plan names
 * it, the node that runs the scenario must have it. It is measured like a request, from the instant
 * it was meant to start, under its own name in the report.
 */
public record CodeStep(String name) implements Step {
  public CodeStep {
    Rules.name("code", name);
  }
}
