package io.salvo.plan.parse;

import java.util.Locale;

/** The two ways to write a plan: one model, two syntaxes. */
public enum PlanFormat {
  YAML,
  JSON;

  /** JSON for {@code .json} files, YAML otherwise. */
  public static PlanFormat ofFileName(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
  }

  /** JSON when the text starts with '{', YAML otherwise. */
  public static PlanFormat sniff(String text) {
    return text.stripLeading().startsWith("{") ? JSON : YAML;
  }
}
