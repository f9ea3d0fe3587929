package io.salvo.plan;

import java.time.Duration;

/** A pause of a virtual user between two steps; it never counts as latency. */
public record ThinkTime(Duration duration) implements Step {
  public ThinkTime {
    Rules.nonNegative("duration", duration);
  }
}
