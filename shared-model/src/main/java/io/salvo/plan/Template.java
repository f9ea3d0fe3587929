package io.salvo.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code ${name}} placeholders, parsed once when the plan loads so that rendering it for
 * a request walks a few parts and never reparses. {@code $${} writes a literal {@code ${}.
 *
 * <p>A placeholder names a session variable (a feeder column or an extracted value) or a built-in:
 * {@code ${session.index}}, {@code ${random.int(1,100)}}, {@code ${uuid}}, {@code ${now.millis}}.
 *
 * @param source the text as written
 * @param parts literal text, variables and built-ins in order; adjacent literals are joined
 */
public record Template(String source, List<Part> parts) {
  /** Names a variable may have: letters, digits, '_' and '-', not starting with a digit or '-'. */
  public static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

  private static final Pattern RANDOM_INT =
      Pattern.compile("random\\.int\\(\\s*(-?\\d{1,18})\\s*,\\s*(-?\\d{1,18})\\s*\\)");

  /** One piece of a template. */
  public sealed interface Part permits Text, Variable, Builtin {}

  /** Literal text. */
  public record Text(String text) implements Part {}

  /** The value of a session variable. */
  public record Variable(String name) implements Part {}

  /** What a built-in placeholder produces. */
  public enum BuiltinKind {
    /** The session's index: its arrival index (open model) or a number unique to the user's run. */
    SESSION_INDEX,
    /** A uniformly random whole number in [min, max]. */
    RANDOM_INT,
    /** A random (version 4) UUID. */
    UUID,
    /** The wall clock in milliseconds since the epoch. */
    NOW_MILLIS
  }

  /**
   * A built-in placeholder; {@code min} and {@code max} only for {@link BuiltinKind#RANDOM_INT}.
   */
  public record Builtin(BuiltinKind kind, long min, long max) implements Part {}

  public Template {
    parts = List.copyOf(parts);
  }

  /**
   * Parses {@code text}.
   *
   * @throws PlanRuleException (with an empty field) naming what is wrong and where in the text
   */
  public static Template parse(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("${", i);
      if (open < 0) {
        literal.append(text, i, text.length());
        break;
      }
      if (open > 0 && text.charAt(open - 1) == '$') {
        // "$${" is an escaped "${": keep one '$' and the brace literally.
        literal.append(text, i, open - 1).append("${");
        i = open + 2;
        continue;
      }
      literal.append(text, i, open);
      int close = text.indexOf('}', open + 2);
      if (close < 0) {
        throw new PlanRuleException(
            "",
            "has a '${' at character "
                + (open + 1)
                + " that is never closed with '}' (write $${ for a literal ${)");
      }
      String name = text.substring(open + 2, close).trim();
      if (literal.length() > 0) {
        parts.add(new Text(literal.toString()));
        literal.setLength(0);
      }
      parts.add(placeholder(name, open));
      i = close + 1;
    }
    if (literal.length() > 0) {
      parts.add(new Text(literal.toString()));
    }
    return new Template(text, parts);
  }

  private static Part placeholder(String name, int at) {
    switch (name) {
      case "session.index" -> {
        return new Builtin(BuiltinKind.SESSION_INDEX, 0, 0);
      }
      case "uuid" -> {
        return new Builtin(BuiltinKind.UUID, 0, 0);
      }
      case "now.millis" -> {
        return new Builtin(BuiltinKind.NOW_MILLIS, 0, 0);
      }
      default -> {}
    }
    Matcher m = RANDOM_INT.matcher(name);
    if (m.matches()) {
      long min = Long.parseLong(m.group(1));
      long max = Long.parseLong(m.group(2));
      if (min > max) {
        throw new PlanRuleException("", "has ${" + name + "}, whose minimum is above its maximum");
      }
      return new Builtin(BuiltinKind.RANDOM_INT, min, max);
    }
    if (name.startsWith("session.")
        || name.startsWith("random.")
        || name.startsWith("now.")
        || name.startsWith("uuid")) {
      throw new PlanRuleException(
          "",
          "has ${"
              + name
              + "}, which is not a built-in; the built-ins are ${session.index},"
              + " ${random.int(min,max)}, ${uuid} and ${now.millis}");
    }
    if (!VARIABLE.matcher(name).matches()) {
      throw new PlanRuleException(
          "",
          "has ${"
              + name
              + "} at character "
              + (at + 1)
              + ": a variable name is letters, digits, '_' and '-', starting with a letter or '_'");
    }
    return new Variable(name);
  }

  /** Whether the text has no placeholder: it renders to itself. */
  public boolean isStatic() {
    return parts.stream().allMatch(p -> p instanceof Text);
  }

  /** The session variables it uses, in order of first use. */
  public Set<String> variables() {
    Set<String> out = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p instanceof Variable v) {
        out.add(v.name());
      }
    }
    return out;
  }

  /** The text with every placeholder replaced by {@code stand-in}, to check its literal syntax. */
  public String withStandIns(String standIn) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      sb.append(p instanceof Text t ? t.text() : standIn);
    }
    return sb.toString();
  }
}
