package io.salvo.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a user asks Salvo to do: a target, scenarios with their load, thresholds judged on the
 * merged result, how the run spreads over a cluster, and the feeders sessions draw data from.
 *
 * <p>Every template's variables are checked here: a request may only use a column of a feeder its
 * scenario feeds from, or a value an earlier step extracts.
 */
public record Plan(
    String name,
    Target target,
    List<Scenario> scenarios,
    List<Threshold> thresholds,
    ClusterSettings cluster,
    List<Feeder> feeders) {

  public Plan {
    Rules.name("name", name);
    Rules.required("target", target);
    scenarios = Rules.nonEmpty("scenarios", scenarios);
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    cluster = cluster == null ? ClusterSettings.SINGLE_NODE : cluster;
    feeders = feeders == null ? List.of() : List.copyOf(feeders);

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
    checkFeeders(feeders, scenarios);
    for (int i = 0; i < scenarios.size(); i++) {
      checkVariables(i, scenarios.get(i), feeders);
    }
    checkTls(target, scenarios);
    checkResourceSize(target, feeders);
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

  /** A plan without feeders. */
  public Plan(
      String name,
      Target target,
      List<Scenario> scenarios,
      List<Threshold> thresholds,
      ClusterSettings cluster) {
    this(name, target, scenarios, thresholds, cluster, null);
  }

  private static void checkFeeders(List<Feeder> feeders, List<Scenario> scenarios) {
    List<String> names = feeders.stream().map(Feeder::name).toList();
    int dup = Rules.firstDuplicate(names);
    if (dup >= 0) {
      throw new PlanRuleException(
          "feeders[" + dup + "].name", "'" + names.get(dup) + "' is used by an earlier feeder");
    }
    Map<String, String> uniqueUser = new LinkedHashMap<>();
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      Set<String> columns = new LinkedHashSet<>();
      for (int k = 0; k < s.feed().size(); k++) {
        String f = s.feed().get(k);
        String field = "scenarios[" + i + "].feed[" + k + "]";
        int at = names.indexOf(f);
        if (at < 0) {
          throw new PlanRuleException(
              field,
              "names no feeder of this plan: '"
                  + f
                  + "'"
                  + (names.isEmpty() ? " (the plan has no feeders)" : " (feeders: " + names + ")"));
        }
        Feeder feeder = feeders.get(at);
        for (String c : feeder.columns()) {
          if (!columns.add(c)) {
            throw new PlanRuleException(
                field,
                "feeder '" + f + "' has a column '" + c + "' that an earlier feeder also has");
          }
        }
        if (feeder.strategy() == Feeder.Strategy.UNIQUE) {
          String other = uniqueUser.putIfAbsent(f, s.name());
          if (other != null) {
            throw new PlanRuleException(
                field,
                "feeder '"
                    + f
                    + "' is unique, and scenario '"
                    + other
                    + "' feeds from it too: a unique feeder's rows go to one scenario");
          }
        }
      }
    }
  }

  /** Every variable a request uses is a feeder column or extracted by an earlier step. */
  private static void checkVariables(int index, Scenario scenario, List<Feeder> feeders) {
    Set<String> known = new LinkedHashSet<>();
    for (String f : scenario.feed()) {
      feeders.stream().filter(x -> x.name().equals(f)).forEach(x -> known.addAll(x.columns()));
    }
    Map<String, Integer> extractedAt = new LinkedHashMap<>();
    List<Step> steps = scenario.steps();
    for (int j = 0; j < steps.size(); j++) {
      if (steps.get(j) instanceof HttpStep h) {
        for (Extractor e : h.extract()) {
          extractedAt.putIfAbsent(e.name(), j);
        }
      }
    }
    for (int j = 0; j < steps.size(); j++) {
      if (!(steps.get(j) instanceof HttpStep h)) {
        continue;
      }
      String at = "scenarios[" + index + "].steps[" + j + "].request.";
      Map<String, Set<String>> uses = new LinkedHashMap<>();
      uses.put(
          h.path() != null ? "path" : "url",
          Template.parse(h.path() != null ? h.path() : HttpUrls.targetOf(h.url())).variables());
      h.headers().forEach((k, v) -> uses.put("headers." + k, Template.parse(v).variables()));
      if (h.body() != null) {
        uses.put("body", Template.parse(h.body()).variables());
      }
      for (int c = 0; c < h.checks().size(); c++) {
        uses.put("checks[" + c + "]", h.checks().get(c).variables());
      }
      for (Map.Entry<String, Set<String>> use : uses.entrySet()) {
        for (String v : use.getValue()) {
          if (known.contains(v)) {
            continue;
          }
          Integer by = extractedAt.get(v);
          // A check runs after its own response's extractors, so it may use what they took.
          boolean check = use.getKey().startsWith("checks[");
          if (by != null && (by < j || (check && by == j))) {
            continue;
          }
          String rule;
          if (by != null) {
            rule =
                "uses ${"
                    + v
                    + "}, which only steps["
                    + by
                    + "] extracts"
                    + (by == j ? " (from this request's own response)" : ", a later step");
          } else {
            Set<String> defined = new LinkedHashSet<>(known);
            final int step = j;
            extractedAt.forEach(
                (name, by2) -> {
                  if (by2 < step) {
                    defined.add(name);
                  }
                });
            rule =
                "uses ${"
                    + v
                    + "}, which is not defined"
                    + (defined.isEmpty()
                        ? ": no feeder column or extracted value exists in scenario '"
                            + scenario.name()
                            + "'"
                        : "; defined in scenario '"
                            + scenario.name()
                            + "': "
                            + String.join(", ", defined));
          }
          throw new PlanRuleException(at + use.getKey(), rule);
        }
      }
    }
  }

  private static void checkTls(Target target, List<Scenario> scenarios) {
    if (target.tls() == null) {
      return;
    }
    boolean https =
        scenarios.stream()
            .flatMap(s -> s.requests().stream())
            .anyMatch(h -> "https".equals(h.origin(target).getScheme()));
    if (!https) {
      throw new PlanRuleException(
          "target.tls", "is set, but no request of this plan goes to an https:// URL");
    }
  }

  private static void checkResourceSize(Target target, List<Feeder> feeders) {
    long total = 0;
    List<PlanResource> all = new ArrayList<>();
    TlsSettings tls = target.tls();
    if (tls != null) {
      for (PlanResource r :
          new PlanResource[] {tls.ca(), tls.clientCert(), tls.clientKey(), tls.clientKeystore()}) {
        if (r != null) {
          all.add(r);
        }
      }
    }
    for (Feeder f : feeders) {
      if (f.file() != null) {
        all.add(f.file());
      }
    }
    for (PlanResource r : all) {
      total += r.size();
    }
    if (total > PlanResource.MAX_TOTAL_BYTES) {
      throw new PlanRuleException(
          "",
          "refers to files of "
              + total
              + " bytes together, above the limit of "
              + PlanResource.MAX_TOTAL_BYTES
              + " bytes: they travel to every node inside the run's messages");
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
        .map(h -> HttpUrls.origin(h.origin(target)))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  public Feeder feeder(String name) {
    return feeders.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no feeder " + name));
  }

  public Plan withCluster(ClusterSettings settings) {
    return new Plan(name, target, scenarios, thresholds, settings, feeders);
  }
}
