package io.salvo.plan.parse;

import java.util.List;
import java.util.stream.Collectors;

/** A plan was refused; {@link #problems()} lists every broken rule with its position. */
public final class PlanException extends Exception {
  private final List<PlanProblem> problems;

  public PlanException(List<PlanProblem> problems) {
    super(problems.stream().map(PlanProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<PlanProblem> problems() {
    return problems;
  }
}
