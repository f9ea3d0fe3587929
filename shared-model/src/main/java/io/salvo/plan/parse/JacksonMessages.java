package io.salvo.plan.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jackson's parse errors, said without its internals: one line, no source or setting names. */
public final class JacksonMessages {
  private static final Pattern SOURCE =
      Pattern.compile("\\s*\\(start marker at \\[Source:[^]]*]\\)");
  private static final Pattern NESTING =
      Pattern.compile("Document nesting depth \\(\\d+\\) exceeds the maximum allowed \\((\\d+).*");
  private static final Pattern SETTING = Pattern.compile(":\\s*enable `[^`]*` to allow.*");

  private JacksonMessages() {}

  /** The first line of a Jackson message, without the source it cites or a feature to enable. */
  public static String clean(String original) {
    if (original == null) {
      return "cannot be read";
    }
    int nl = original.indexOf('\n');
    String m = (nl > 0 ? original.substring(0, nl) : original).trim();
    Matcher nesting = NESTING.matcher(m);
    if (nesting.matches()) {
      return "is nested deeper than " + nesting.group(1) + " levels";
    }
    m = SOURCE.matcher(m).replaceAll("");
    return SETTING.matcher(m).replaceAll("").trim();
  }
}
