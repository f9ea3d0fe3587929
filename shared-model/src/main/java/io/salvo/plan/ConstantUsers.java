package io.salvo.plan;

import java.time.Duration;

/** Closed model: {@code users} virtual users run the scenario in a loop for {@code duration}. */
public record ConstantUsers(int users, Duration duration, boolean warmup) implements LoadPhase {
  public ConstantUsers {
    Rules.positive("users", users);
    Rules.positive("duration", duration);
  }

  @Override
  public String kind() {
    return "constantUsers";
  }
}
