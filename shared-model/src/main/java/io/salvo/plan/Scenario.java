package io.salvo.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A named sequence of steps run by virtual users, and the load that drives it.
 *
 * @param maxInFlight the most sessions of this scenario that may be in flight on one node; arrivals
 *     due beyond it wait in a measured backlog (their latency still counts from when they were due)
 * @param feed the feeders each session takes a row from, by name; their columns become variables
 */
public record Scenario(
    String name, List<Step> steps, List<LoadPhase> load, int maxInFlight, List<String> feed) {
  public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

  public Scenario {
    Rules.name("name", name);
    steps = Rules.nonEmpty("steps", steps);
    load = Rules.nonEmpty("load", load);
    Rules.positive("maxInFlight", maxInFlight);
    feed = feed == null ? List.of() : List.copyOf(feed);
    int dupFeed = Rules.firstDuplicate(feed);
    if (dupFeed >= 0) {
      throw new PlanRuleException("feed[" + dupFeed + "]", "names a feeder already listed");
    }
    if (steps.stream().noneMatch(s -> s instanceof HttpStep || s instanceof CodeStep)) {
      throw new PlanRuleException("steps", "must contain at least one request or code step");
    }
    List<String> names = new ArrayList<>();
    for (Step s : steps) {
      names.add(stepName(s));
    }
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n != null && names.subList(0, i).contains(n)) {
        throw new PlanRuleException(
            "steps[" + i + "].name",
            "'" + n + "' is used by an earlier step of scenario '" + name + "'; give one a name");
      }
    }
    boolean measured = false;
    for (int i = 0; i < load.size(); i++) {
      LoadPhase p = load.get(i);
      if (p.warmup() && measured) {
        throw new PlanRuleException(
            "load[" + i + "].warmup", "must only be set on the first phases, before measured ones");
      }
      measured |= !p.warmup();
      if (p instanceof Iterations && i != load.size() - 1) {
        throw new PlanRuleException(
            "load[" + i + "]", "iterations must be the last phase: it has no planned end");
      }
    }
    if (!measured) {
      throw new PlanRuleException("load", "needs at least one phase that is not a warm-up");
    }
  }

  public Scenario(String name, List<Step> steps, List<LoadPhase> load, int maxInFlight) {
    this(name, steps, load, maxInFlight, null);
  }

  private static String stepName(Step s) {
    if (s instanceof HttpStep h) {
      return h.name();
    }
    return s instanceof CodeStep c ? c.name() : null;
  }

  /** The names of the measured steps (requests and code steps), in order: the report's rows. */
  public List<String> stepNames() {
    List<String> out = new ArrayList<>();
    for (Step s : steps) {
      String n = stepName(s);
      if (n != null) {
        out.add(n);
      }
    }
    return out;
  }

  /** The code steps, in order. */
  public List<CodeStep> codeSteps() {
    return steps.stream().filter(CodeStep.class::isInstance).map(CodeStep.class::cast).toList();
  }

  /** The request steps, in order. */
  public List<HttpStep> requests() {
    return steps.stream().filter(HttpStep.class::isInstance).map(HttpStep.class::cast).toList();
  }
}
