package io.salvo.plan;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Takes a value from a response into a session variable, for later steps' templates.
 *
 * @param name the variable it sets
 * @param kind where the value comes from
 * @param expression a JSON pointer, a JSONPath, a header name, a regular expression (searched in
 *     the body) or a cookie name
 * @param group the regular expression's group whose text is the value (0: the whole match)
 * @param required whether a missing value fails the request as a {@code check} error and ends the
 *     session (later steps need it); when not required the variable is left as it was
 */
public record Extractor(String name, Kind kind, String expression, int group, boolean required) {
  /** Where an extractor looks. */
  public enum Kind {
    JSON("json"),
    JSON_PATH("jsonPath"),
    HEADER("header"),
    REGEX("regex"),
    COOKIE("cookie");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The plan key naming this kind. */
    public String key() {
      return key;
    }

    /** Whether the value comes from the response body. */
    public boolean readsBody() {
      return this == JSON || this == JSON_PATH || this == REGEX;
    }
  }

  public Extractor {
    Rules.required("name", name);
    if (!Template.VARIABLE.matcher(name).matches() || name.equals("uuid")) {
      throw new PlanRuleException(
          "name",
          "must be a variable name (letters, digits, '_' and '-', starting with a letter or '_';"
              + " not a built-in), was '"
              + name
              + "'");
    }
    Rules.required("kind", kind);
    Rules.required(kind.key(), expression);
    switch (kind) {
      case JSON -> at(kind, () -> JsonLocator.pointer(expression));
      case JSON_PATH -> at(kind, () -> JsonLocator.path(expression));
      case HEADER, COOKIE -> {
        if (expression.isBlank() || !expression.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
          throw new PlanRuleException(
              kind.key(), "must be a " + kind.key() + " name, was '" + expression + "'");
        }
      }
      case REGEX -> {
        Pattern p = regex(kind.key(), expression);
        int groups = p.matcher("").groupCount();
        if (group < 0 || group > groups) {
          throw new PlanRuleException(
              "group",
              "must be between 0 and "
                  + groups
                  + " (the groups of '"
                  + expression
                  + "'), was "
                  + group);
        }
      }
      default -> throw new IllegalStateException();
    }
    if (kind != Kind.REGEX && group != 0) {
      throw new PlanRuleException("group", "only applies to regex");
    }
  }

  private static void at(Kind kind, Runnable parse) {
    try {
      parse.run();
    } catch (PlanRuleException e) {
      throw new PlanRuleException(kind.key(), e.rule());
    }
  }

  /** Compiles a regular expression, naming the field when it does not compile. */
  static Pattern regex(String field, String expression) {
    try {
      return Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      String why = e.getDescription().toLowerCase(Locale.ROOT);
      throw new PlanRuleException(
          field,
          "is not a valid regular expression: "
              + why
              + (e.getIndex() >= 0 ? " near character " + (e.getIndex() + 1) : "")
              + " of '"
              + expression
              + "'");
    }
  }

  /** The group to take when a plan gives none: 1 if the expression has a group, else 0. */
  public static int defaultGroup(String regex) {
    try {
      return Pattern.compile(regex).matcher("").groupCount() > 0 ? 1 : 0;
    } catch (PatternSyntaxException e) {
      return 0;
    }
  }

  /** How reports name it: {@code extract token}. */
  public String label() {
    return "extract " + name;
  }

  /** The JSON location (JSON and JSONPath kinds). */
  public JsonLocator locator() {
    return kind == Kind.JSON ? JsonLocator.pointer(expression) : JsonLocator.path(expression);
  }

  /** The compiled regular expression (regex kind). */
  public Pattern pattern() {
    return Pattern.compile(expression);
  }
}
