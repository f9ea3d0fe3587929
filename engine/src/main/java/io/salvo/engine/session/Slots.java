package io.salvo.engine.session;

import io.salvo.plan.Extractor;
import io.salvo.plan.HttpStep;
import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables of one scenario, each given a slot: a session keeps its values in an array, so a
 * template reads a variable by index, never by name.
 */
public final class Slots {
  private final Map<String, Integer> slots = new LinkedHashMap<>();

  private Slots() {}

  /** The feeder columns and extracted names of a scenario, in the order they appear. */
  public static Slots of(Plan plan, Scenario scenario) {
    Slots s = new Slots();
    for (String f : scenario.feed()) {
      plan.feeder(f).columns().forEach(s::add);
    }
    for (HttpStep h : scenario.requests()) {
      for (Extractor e : h.extract()) {
        s.add(e.name());
      }
    }
    return s;
  }

  /** Slots given by a map of name to slot (tests). */
  static Slots ofMap(Map<String, Integer> slots) {
    Slots s = new Slots();
    s.slots.putAll(slots);
    return s;
  }

  private void add(String name) {
    slots.putIfAbsent(name, slots.size());
  }

  /** The slot of a variable; the plan checked that every variable used exists. */
  public int of(String name) {
    Integer i = slots.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no variable " + name);
    }
    return i;
  }

  public int size() {
    return slots.size();
  }

  public Map<String, Integer> all() {
    return Collections.unmodifiableMap(slots);
  }
}
