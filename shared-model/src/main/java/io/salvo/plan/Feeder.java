package io.salvo.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rows of data that sessions draw from: each session of a scenario that feeds from it takes one
 * row, and the row's columns become session variables.
 *
 * @param name how scenarios refer to it
 * @param strategy how sessions draw rows
 * @param file the CSV or JSON-lines file the rows were read from; null for inline rows
 * @param format {@code csv} or {@code jsonl} when the plan said it (a file whose name does not);
 *     null otherwise
 * @param columns the variable names, in order
 * @param rows the values, one list per row in column order
 */
public record Feeder(
    String name,
    Strategy strategy,
    PlanResource file,
    String format,
    List<String> columns,
    List<List<String>> rows) {

  /** How a feeder hands out rows. */
  public enum Strategy {
    /**
     * In file order, each row once per node; when the rows run out, the scenario stops starting
     * sessions and the report says why.
     */
    SEQUENTIAL,
    /** In file order, starting again from the first row after the last. */
    CIRCULAR,
    /** A uniformly random row for each session (rows may repeat). */
    RANDOM,
    /**
     * Each row at most once in the whole run: on a cluster, agent i of n takes rows k with k mod n
     * = i, so no two nodes use the same row; when a node's rows run out, the scenario stops
     * starting sessions there and the report says why.
     */
    UNIQUE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether rows can run out. */
    public boolean finite() {
      return this == SEQUENTIAL || this == UNIQUE;
    }

    public static Strategy parse(String text) {
      for (Strategy s : values()) {
        if (s.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new PlanRuleException(
          "strategy", "must be one of sequential, circular, random, unique, was '" + text + "'");
    }
  }

  public Feeder {
    Rules.name("name", name);
    strategy = strategy == null ? Strategy.CIRCULAR : strategy;
    columns = Rules.nonEmpty("columns", columns);
    Rules.required("rows", rows);
    for (int i = 0; i < columns.size(); i++) {
      String c = columns.get(i);
      if (c == null || !Template.VARIABLE.matcher(c).matches()) {
        throw new PlanRuleException(
            file == null ? "rows" : "file",
            (file == null ? "" : "'" + file.name() + "': ")
                + "column '"
                + c
                + "' is not a variable name: letters, digits, '_' and '-', starting with a letter"
                + " or '_'");
      }
      if (c.equals("uuid")) {
        throw new PlanRuleException(
            file == null ? "rows" : "file",
            (file == null ? "" : "'" + file.name() + "': ")
                + "column 'uuid' would hide the built-in ${uuid}: rename it");
      }
    }
    int dup = Rules.firstDuplicate(columns);
    if (dup >= 0) {
      throw new PlanRuleException(
          file == null ? "rows" : "file", "has the column '" + columns.get(dup) + "' twice");
    }
    if (rows.isEmpty()) {
      throw new PlanRuleException(
          file == null ? "rows" : "file",
          (file == null ? "" : "'" + file.name() + "' ") + "has no rows");
    }
    List<List<String>> copy = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != columns.size()) {
        throw new PlanRuleException(
            file == null ? "rows[" + i + "]" : "file",
            "row "
                + (i + 1)
                + " has "
                + row.size()
                + " values, but there are "
                + columns.size()
                + " columns");
      }
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
  }

  /** A feeder read from a CSV (with a header row) or JSON-lines file. */
  public static Feeder fromFile(String name, Strategy strategy, PlanResource file, String format) {
    FeederFiles.Table t = FeederFiles.read(file, format);
    return new Feeder(name, strategy, file, format, t.columns(), t.rows());
  }
}
