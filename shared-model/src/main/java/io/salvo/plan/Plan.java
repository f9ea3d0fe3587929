package io.salvo.plan;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a user asks Salvo to do: a target, scenarios with their load, thresholds judged on the
 * merged result, and how the run spreads over a cluster.
 */
public record Plan(
    String name,
    Target target,
    List<Scenario> scenarios,
    List<Threshold> thresholds,
    ClusterSettings cluster) {

  public Plan {
    Rules.name("name", name);
    Rules.required("target", target);
    scenarios = Rules.nonEmpty("scenarios", scenarios);
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    cluster = cluster == null ? ClusterSettings.SINGLE_NODE : cluster;

    List<String> names = scenarios.stream().map(Scenario::name).toList();
    int dup = Rules.firstDuplicate(names);
    if (dup >= 0) {
      throw new PlanRuleException(
          "scenarios[" + dup + "].name", "'" + names.get(dup) + "' is used by an earlier scenario");
    }
    if (target.baseUrl() == null) {
      for (int i = 0; i < scenarios.size(); i++) {
        List<Step> steps = scenarios.get(i).steps();
        for (int j = 0; j < steps.size(); j++) {
          if (steps.get(j) instanceof HttpStep h && h.path() != null) {
            throw new PlanRuleException(
                "scenarios[" + i + "].steps[" + j + "].path",
                "needs target.baseUrl, or give the step a full 'url'");
          }
        }
      }
    }
    for (int i = 0; i < thresholds.size(); i++) {
      String s = thresholds.get(i).scenario();
      if (s != null && !names.contains(s)) {
        throw new PlanRuleException("thresholds[" + i + "].scenario", unknown(s, names));
      }
    }
    checkKnown("cluster.coordinatorTargetScenarios", cluster.coordinatorTargetScenarios(), names);
    checkKnown("cluster.agentTargetScenarios", cluster.agentTargetScenarios(), names);
    checkKnown("cluster.replicate", cluster.replicate(), names);
    if (cluster.nodeType() != NodeType.SINGLE_NODE) {
      for (String n : names) {
        if (!cluster.runsOnAgents(n) && !cluster.runsOnCoordinator(n)) {
          throw new PlanRuleException(
              "cluster.agentTargetScenarios",
              "leaves scenario '"
                  + n
                  + "' to no node; add it here or to coordinatorTargetScenarios");
        }
      }
    }
  }

  private static void checkKnown(String field, List<String> refs, List<String> names) {
    for (int i = 0; i < refs.size(); i++) {
      if (!names.contains(refs.get(i))) {
        throw new PlanRuleException(field + "[" + i + "]", unknown(refs.get(i), names));
      }
    }
  }

  private static String unknown(String name, List<String> names) {
    return "names no scenario of this plan: '"
        + name
        + "' (scenarios: "
        + String.join(", ", names)
        + ")";
  }

  public Scenario scenario(String name) {
    return scenarios.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
  }

  /** Every origin ({@code scheme://host:port}) the plan sends requests to. */
  public Set<String> origins() {
    return scenarios.stream()
        .flatMap(s -> s.requests().stream())
        .map(h -> HttpUrls.origin(h.resolve(target)))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  public Plan withCluster(ClusterSettings settings) {
    return new Plan(name, target, scenarios, thresholds, settings);
  }
}
