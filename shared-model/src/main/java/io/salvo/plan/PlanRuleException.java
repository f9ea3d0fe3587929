package io.salvo.plan;

/**
 * A rule of the plan model was broken while building one of its records.
 *
 * <p>{@link #field()} is the path of the offending field relative to the record being built (for
 * example {@code rate} or {@code scenarios[1].name}), or empty when the record as a whole is at
 * fault; the parser prefixes it with the record's own path and the file position.
 */
public final class PlanRuleException extends IllegalArgumentException {
  private final String field;
  private final String rule;

  public PlanRuleException(String field, String rule) {
    super(field.isEmpty() ? rule : field + " " + rule);
    this.field = field;
    this.rule = rule;
  }

  /** The offending field, relative to the record that refused it; empty for the record itself. */
  public String field() {
    return field;
  }

  /** What was wrong, for example {@code must be > 0, was -5}. */
  public String rule() {
    return rule;
  }
}
