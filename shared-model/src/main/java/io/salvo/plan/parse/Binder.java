package io.salvo.plan.parse;

import io.salvo.plan.Durations;
import io.salvo.plan.PlanResource;
import io.salvo.plan.PlanRuleException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Typed, position-aware access to a {@link Node} tree. Every failed read records a {@link
 * PlanProblem} and yields {@code null}, so one pass reports every problem of a plan.
 */
final class Binder {
  private final String source;
  private final List<PlanProblem> problems;
  private final Path baseDir;
  private long resourceBytes;

  /**
   * @param baseDir where file references resolve; null when the plan may only inline its files
   */
  Binder(String source, List<PlanProblem> problems, Path baseDir) {
    this.source = source;
    this.problems = problems;
    this.baseDir = baseDir;
  }

  int problemCount() {
    return problems.size();
  }

  void problem(Node at, String path, String message) {
    problems.add(
        new PlanProblem(
            source, at == null ? 0 : at.line(), at == null ? 0 : at.column(), path, message));
  }

  /**
   * Builds a record unless reading its fields already failed (a constructor fed with the nulls of
   * failed reads would only add misleading problems). A rule the record refuses is reported at its
   * field's position.
   */
  <T> T construct(Node at, String path, int problemsBefore, Supplier<T> constructor) {
    if (problems.size() > problemsBefore) {
      return null;
    }
    try {
      return constructor.get();
    } catch (PlanRuleException e) {
      problem(locate(at, e.field()), join(path, e.field()), e.rule());
      return null;
    }
  }

  static String join(String path, String field) {
    if (field.isEmpty()) {
      return path;
    }
    if (path.isEmpty()) {
      return field;
    }
    return field.startsWith("[") ? path + field : path + "." + field;
  }

  /** The node at a relative path like {@code scenarios[1].name}, or the deepest one that exists. */
  static Node locate(Node base, String relative) {
    Node at = base;
    for (String part : relative.split("\\.|(?=\\[)")) {
      if (part.isEmpty()) {
        continue;
      }
      Node next = null;
      if (part.startsWith("[") && at instanceof Node.ListNode list) {
        int i = Integer.parseInt(part.substring(1, part.length() - 1));
        next = i < list.items().size() ? list.items().get(i) : null;
      } else if (at instanceof Node.MapNode map && map.entries().containsKey(part)) {
        next = map.entries().get(part).value();
      }
      if (next == null) {
        return at;
      }
      at = next;
    }
    return at;
  }

  /** The fields of a mapping, each read at most once; {@link #finish()} reports unknown ones. */
  final class Fields {
    private final Node.MapNode map;
    private final Node node;
    private final String path;
    private final List<String> known;
    private final Set<String> read = new LinkedHashSet<>();

    Fields(Node node, String path, String... known) {
      this.node = node;
      this.path = path;
      this.known = Arrays.asList(known);
      if (node instanceof Node.MapNode m) {
        this.map = m;
      } else {
        this.map = null;
        problem(
            node,
            path,
            "must be a mapping with " + String.join(", ", known) + "; was " + Node.kind(node));
      }
    }

    boolean ok() {
      return map != null;
    }

    Node node() {
      return node;
    }

    String path() {
      return path;
    }

    String pathOf(String key) {
      return join(path, key);
    }

    /** The value of {@code key}, or {@code null} when absent (a YAML null counts as absent). */
    Node get(String key) {
      read.add(key);
      if (map == null) {
        return null;
      }
      Node.Entry e = map.entries().get(key);
      if (e == null || (e.value() instanceof Node.ScalarNode s && s.value() == null)) {
        return null;
      }
      return e.value();
    }

    Node require(String key) {
      Node n = get(key);
      if (n == null && map != null) {
        problem(node, pathOf(key), "is required");
      }
      return n;
    }

    Set<String> present() {
      return map == null ? Set.of() : map.entries().keySet();
    }

    void finish() {
      if (map == null) {
        return;
      }
      for (Node.Entry e : map.entries().values()) {
        if (!known.contains(e.key())) {
          String hint = Suggestions.closest(e.key(), known);
          problems.add(
              new PlanProblem(
                  source,
                  e.line(),
                  e.column(),
                  pathOf(e.key()),
                  "is not a known field"
                      + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                      + "; known here: "
                      + String.join(", ", known)));
        }
      }
    }
  }

  String string(Node n, String path) {
    if (n == null) {
      return null;
    }
    if (n instanceof Node.ScalarNode s && s.value() != null) {
      return s.value().toString();
    }
    problem(n, path, "must be a text value, was " + Node.kind(n));
    return null;
  }

  Long wholeNumber(Node n, String path) {
    if (n == null) {
      return null;
    }
    if (n instanceof Node.ScalarNode s) {
      if (s.value() instanceof Long l) {
        return l;
      }
      if (s.value() instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) {
        return d.longValue();
      }
    }
    problem(n, path, "must be a whole number, was " + Node.kind(n));
    return null;
  }

  Integer intValue(Node n, String path) {
    Long l = wholeNumber(n, path);
    if (l == null) {
      return null;
    }
    if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
      problem(n, path, "must be at most " + Integer.MAX_VALUE + ", was " + l);
      return null;
    }
    return l.intValue();
  }

  Double number(Node n, String path) {
    if (n == null) {
      return null;
    }
    if (n instanceof Node.ScalarNode s && s.value() instanceof Number num) {
      return num.doubleValue();
    }
    problem(n, path, "must be a number, was " + Node.kind(n));
    return null;
  }

  Boolean bool(Node n, String path) {
    if (n == null) {
      return null;
    }
    if (n instanceof Node.ScalarNode s && s.value() instanceof Boolean b) {
      return b;
    }
    problem(n, path, "must be true or false, was " + Node.kind(n));
    return null;
  }

  Duration duration(Node n, String path) {
    if (n == null) {
      return null;
    }
    if (n instanceof Node.ScalarNode s && s.value() instanceof String text) {
      try {
        return Durations.parse(text);
      } catch (IllegalArgumentException e) {
        problem(n, path, e.getMessage());
        return null;
      }
    }
    if (n instanceof Node.ScalarNode s && s.value() instanceof Number num) {
      problem(
          n,
          path,
          "must be a duration with a unit such as 500ms, 10s or 1m, was "
              + num
              + " (a bare number has no unit)");
      return null;
    }
    problem(n, path, "must be a duration such as 500ms, 10s or 1m, was " + Node.kind(n));
    return null;
  }

  URI url(Node n, String path) {
    String text = string(n, path);
    if (text == null) {
      return null;
    }
    try {
      return new URI(text.trim());
    } catch (URISyntaxException e) {
      problem(n, path, "is not a valid URL: " + e.getMessage());
      return null;
    }
  }

  /**
   * A file the plan refers to: a path (relative to the plan's directory), or the file itself as
   * {@code {name, inline: text}} or {@code {name, base64: bytes}}.
   */
  PlanResource resource(Node n, String path) {
    if (n == null) {
      return null;
    }
    PlanResource r = null;
    if (n instanceof Node.ScalarNode s && s.value() instanceof String ref) {
      r = file(n, path, ref.trim());
    } else if (n instanceof Node.MapNode) {
      int before = problems.size();
      Fields f = new Fields(n, path, "name", "inline", "base64");
      String name = string(f.require("name"), f.pathOf("name"));
      Node inline = f.get("inline");
      Node base64 = f.get("base64");
      if ((inline == null) == (base64 == null)) {
        problem(n, path, "needs exactly one of 'inline' (text) and 'base64' (bytes)");
      }
      String text = string(inline, f.pathOf("inline"));
      String encoded = string(base64, f.pathOf("base64"));
      byte[] bytes = null;
      if (encoded != null) {
        try {
          bytes = Base64.getMimeDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
          problem(base64, f.pathOf("base64"), "is not base64: " + e.getMessage());
        }
      } else if (text != null) {
        bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      f.finish();
      if (problems.size() == before && name != null && bytes != null) {
        r = new PlanResource(name, bytes);
      }
    } else {
      problem(
          n, path, "must be a file path, or {name, inline} or {name, base64}; was " + Node.kind(n));
    }
    if (r != null) {
      resourceBytes += r.size();
      if (resourceBytes > PlanResource.MAX_TOTAL_BYTES) {
        problem(
            n,
            path,
            "brings the files of this plan to "
                + resourceBytes
                + " bytes, above the limit of "
                + PlanResource.MAX_TOTAL_BYTES
                + ": they travel to every node inside the run's messages");
        return null;
      }
    }
    return r;
  }

  private PlanResource file(Node n, String path, String ref) {
    if (baseDir == null) {
      problem(
          n,
          path,
          "refers to the file '"
              + ref
              + "', but this plan was not read from a file: put the file in the plan as"
              + " {name, inline} or {name, base64}, or submit the plan with `salvo start FILE`,"
              + " which does that");
      return null;
    }
    Path p = baseDir.resolve(ref).normalize();
    try {
      long size = Files.size(p);
      if (size > PlanResource.MAX_TOTAL_BYTES) {
        problem(
            n,
            path,
            "file '"
                + ref
                + "' holds "
                + size
                + " bytes, above the limit of "
                + PlanResource.MAX_TOTAL_BYTES
                + " for a plan's files: they travel to every node inside the run's messages");
        return null;
      }
      return new PlanResource(p.getFileName().toString(), Files.readAllBytes(p));
    } catch (NoSuchFileException e) {
      problem(n, path, "'" + ref + "' does not exist (looked for " + p + ")");
    } catch (IOException e) {
      problem(n, path, "'" + ref + "' cannot be read: " + e.getMessage());
    }
    return null;
  }

  /** A list, each item read by {@code item}; a single value where a list is expected is refused. */
  <T> List<T> list(Node n, String path, BiFunction<Node, String, T> item) {
    if (n == null) {
      return null;
    }
    if (!(n instanceof Node.ListNode list)) {
      problem(n, path, "must be a list, was " + Node.kind(n));
      return null;
    }
    int before = problems.size();
    List<T> out = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      out.add(item.apply(list.items().get(i), path + "[" + i + "]"));
    }
    return problems.size() > before ? null : out;
  }

  List<String> stringList(Node n, String path) {
    return list(n, path, this::string);
  }

  Map<String, String> stringMap(Node n, String path) {
    if (n == null) {
      return null;
    }
    if (!(n instanceof Node.MapNode map)) {
      problem(n, path, "must be a mapping of names to values, was " + Node.kind(n));
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Node.Entry e : map.entries().values()) {
      String v = string(e.value(), join(path, e.key()));
      if (v != null) {
        out.put(e.key(), v);
      }
    }
    return out;
  }

  /**
   * A mapping with exactly one key that says what it is, like {@code constantRate: {...}}; returns
   * that entry or {@code null} after recording a problem.
   */
  Node.Entry oneOf(Node n, String path, List<String> kinds) {
    if (n instanceof Node.MapNode map && map.entries().size() == 1) {
      Node.Entry e = map.entries().values().iterator().next();
      if (kinds.contains(e.key())) {
        return e;
      }
      String hint = Suggestions.closest(e.key(), kinds);
      problems.add(
          new PlanProblem(
              source,
              e.line(),
              e.column(),
              join(path, e.key()),
              "is not a known kind"
                  + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                  + "; use one of: "
                  + String.join(", ", kinds)));
      return null;
    }
    problem(
        n,
        path,
        "must be a mapping with exactly one of "
            + String.join(", ", kinds)
            + "; was "
            + describeKeys(n));
    return null;
  }

  private static String describeKeys(Node n) {
    if (n instanceof Node.MapNode map) {
      return map.entries().isEmpty()
          ? "empty"
          : "keys " + String.join(", ", map.entries().keySet());
    }
    return Node.kind(n);
  }
}
