package io.salvo.plan;

import java.util.regex.Pattern;

/**
 * The alphabet of names (plans, scenarios, clusters, groups, agents): they travel in JMS selectors
 * and addresses, URLs and HdrHistogram log tags, so they keep to letters, digits, '.', '_' and '-'.
 */
public final class Names {
  /** A name: a letter or digit, then up to 63 letters, digits, '.', '_' or '-'. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The rule, as error messages state it. */
  public static final String RULE =
      "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

  private Names() {}

  public static boolean valid(String name) {
    return name != null && PATTERN.matcher(name).matches();
  }
}
