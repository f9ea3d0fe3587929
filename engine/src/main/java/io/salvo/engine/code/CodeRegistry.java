package io.salvo.engine.code;

import io.salvo.engine.ScenarioPart;
import io.salvo.plan.CodeStep;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The code a node can run, by the name a plan's {@code code} steps give. Immutable. */
public final class CodeRegistry {
  /** A registered function and whether it blocks (then it runs on the node's code threads). */
  public record Entry(CodeFunction function, boolean blocking) {
    public Entry {
      Objects.requireNonNull(function, "function");
    }
  }

  private static final CodeRegistry EMPTY = new CodeRegistry(Map.of());

  private final Map<String, Entry> entries;

  private CodeRegistry(Map<String, Entry> entries) {
    this.entries = entries;
  }

  public static CodeRegistry empty() {
    return EMPTY;
  }

  /** This registry and {@code name}; a name registered twice is refused. */
  public CodeRegistry with(String name, CodeFunction function, boolean blocking) {
    new CodeStep(name); // the same naming rule as the plan's
    if (entries.containsKey(name)) {
      throw new IllegalArgumentException("code '" + name + "' is registered twice");
    }
    Map<String, Entry> m = new LinkedHashMap<>(entries);
    m.put(name, new Entry(function, blocking));
    return new CodeRegistry(Collections.unmodifiableMap(m));
  }

  public Entry get(String name) {
    return entries.get(name);
  }

  public Set<String> names() {
    return entries.keySet();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Why these parts cannot run here: the first code step whose code is not registered, naming its
   * scenario; empty when every one is.
   */
  public Optional<String> missing(List<ScenarioPart> parts) {
    for (ScenarioPart p : parts) {
      for (CodeStep c : p.scenario().codeSteps()) {
        if (!entries.containsKey(c.name())) {
          return Optional.of(
              "scenario '"
                  + p.scenario().name()
                  + "' runs code '"
                  + c.name()
                  + "', which is not registered on this node"
                  + (entries.isEmpty() ? " (it has no code)" : " (it has " + names() + ")"));
        }
      }
    }
    return Optional.empty();
  }
}
