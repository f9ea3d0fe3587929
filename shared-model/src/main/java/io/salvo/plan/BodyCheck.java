package io.salvo.plan;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A check on a response body, beside the status check; a response that fails it counts as a {@code
 * check} error (named in the report by its {@link #label()}) and its session goes on.
 *
 * @param kind what is checked
 * @param expression a JSON pointer or JSONPath, the text to find, or a regular expression
 * @param equals for JSON kinds: the value's expected text (templates allowed); null: it must exist
 */
public record BodyCheck(Kind kind, String expression, String equals) {
  /** What a body check looks at. */
  public enum Kind {
    /** The value at a JSON pointer equals {@code equals}, or exists. */
    JSON("json"),
    /** The same, located by a JSONPath. */
    JSON_PATH("jsonPath"),
    /** The body contains the text (templates allowed). */
    CONTAINS("bodyContains"),
    /** The regular expression matches somewhere in the body. */
    MATCHES("bodyMatches");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  private static final int LABEL_TEXT = 40;

  public BodyCheck {
    Rules.required("kind", kind);
    Rules.required(kind.key(), expression);
    switch (kind) {
      case JSON -> field(kind, () -> JsonLocator.pointer(expression));
      case JSON_PATH -> field(kind, () -> JsonLocator.path(expression));
      case CONTAINS -> field(kind, () -> Template.parse(expression));
      case MATCHES -> Extractor.regex(kind.key(), expression);
      default -> throw new IllegalStateException();
    }
    if (equals != null) {
      if (kind != Kind.JSON && kind != Kind.JSON_PATH) {
        throw new PlanRuleException("equals", "only applies to json and jsonPath checks");
      }
      field("equals", () -> Template.parse(equals));
    }
  }

  private static void field(Kind kind, Runnable parse) {
    field(kind.key(), parse);
  }

  private static void field(String field, Runnable parse) {
    try {
      parse.run();
    } catch (PlanRuleException e) {
      throw new PlanRuleException(field, e.rule());
    }
  }

  /** The variables its templates use. */
  public Set<String> variables() {
    if (kind == Kind.CONTAINS) {
      return Template.parse(expression).variables();
    }
    return equals == null ? Set.of() : Template.parse(equals).variables();
  }

  /** How reports name it: {@code json /status == 'ok'}, {@code body contains 'total'}. */
  public String label() {
    return switch (kind) {
      case JSON, JSON_PATH ->
          "json " + expression + (equals == null ? " exists" : " == '" + shorten(equals) + "'");
      case CONTAINS -> "body contains '" + shorten(expression) + "'";
      case MATCHES -> "body matches '" + shorten(expression) + "'";
    };
  }

  private static String shorten(String s) {
    return s.length() <= LABEL_TEXT ? s : s.substring(0, LABEL_TEXT - 3) + "...";
  }

  public JsonLocator locator() {
    return kind == Kind.JSON ? JsonLocator.pointer(expression) : JsonLocator.path(expression);
  }

  public Pattern pattern() {
    return Pattern.compile(expression);
  }
}
