package io.salvo.plan.parse;

/**
 * One thing wrong with a plan, where it is and which field: {@code orders.yaml:12:7:
 * scenarios[0].load[0].rate must be > 0, was -5}.
 *
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 * @param path the field, as {@code scenarios[0].load[0].rate}; empty for the document itself
 */
public record PlanProblem(String source, int line, int column, String path, String message) {
  @Override
  public String toString() {
    String where = line > 0 ? source + ":" + line + ":" + column : source;
    return where + ": " + (path.isEmpty() ? message : path + " " + message);
  }
}
