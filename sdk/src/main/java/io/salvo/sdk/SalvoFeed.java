package io.salvo.sdk;

import io.salvo.plan.Feeder;
import io.salvo.plan.PlanResource;
import io.salvo.plan.PlanRuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows a scenario's sessions take one each ({@link SalvoContext#feed}): the plan's feeders, by
 * strategy ({@code sequential}, {@code circular}, {@code random}, {@code unique}: each row at most
 * once in the whole run, split between agents).
 */
public final class SalvoFeed {
  private final Feeder feeder;

  private SalvoFeed(Feeder feeder) {
    this.feeder = feeder;
  }

  /**
   * Rows given in code; every row has the same columns.
   *
   * @param strategy {@code sequential}, {@code circular}, {@code random} or {@code unique}
   */
  public static SalvoFeed rows(String name, String strategy, List<Map<String, String>> rows) {
    if (rows == null || rows.isEmpty()) {
      throw new IllegalArgumentException("feed " + name + ": needs at least one row");
    }
    List<String> columns = new ArrayList<>(rows.get(0).keySet());
    List<List<String>> values = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = new LinkedHashMap<>(rows.get(i));
      if (!row.keySet().equals(new java.util.LinkedHashSet<>(columns))) {
        throw new IllegalArgumentException(
            "feed "
                + name
                + ": row "
                + (i + 1)
                + " has columns "
                + row.keySet()
                + ", not "
                + columns);
      }
      values.add(columns.stream().map(row::get).toList());
    }
    return make(
        name, () -> new Feeder(name, Feeder.Strategy.parse(strategy), null, null, columns, values));
  }

  /** Rows of a CSV file with a header row ({@code csv}) or a JSON-lines file ({@code jsonl}). */
  public static SalvoFeed file(String name, String strategy, Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("feed " + name + ": cannot read " + file + ": " + e);
    }
    String format = file.toString().endsWith(".jsonl") ? "jsonl" : "csv";
    PlanResource resource = new PlanResource(file.getFileName().toString(), content);
    return make(
        name, () -> Feeder.fromFile(name, Feeder.Strategy.parse(strategy), resource, format));
  }

  Feeder feeder() {
    return feeder;
  }

  private static SalvoFeed make(String name, java.util.function.Supplier<Feeder> f) {
    try {
      return new SalvoFeed(f.get());
    } catch (PlanRuleException e) {
      throw new IllegalArgumentException("feed " + name + ": " + e.getMessage(), e);
    }
  }
}
