package io.salvo.plan.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML/JSON value that remembers where it was written. */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {
  int line();

  int column();

  /** A mapping; keys keep their order and their own position. */
  record MapNode(int line, int column, Map<String, Entry> entries) implements Node {
    MapNode(int line, int column) {
      this(line, column, new LinkedHashMap<>());
    }
  }

  /** One key of a mapping with its value. */
  record Entry(String key, int line, int column, Node value) {}

  record ListNode(int line, int column, List<Node> items) implements Node {}

  /** A string, a {@code Long}, a {@code Double}, a {@code Boolean}, or {@code null}. */
  record ScalarNode(int line, int column, Object value) implements Node {
    String describe() {
      if (value == null) {
        return "null";
      }
      return value instanceof String ? "'" + value + "'" : value.toString();
    }
  }

  /** What kind of value this is, for error messages. */
  static String kind(Node n) {
    if (n instanceof MapNode) {
      return "a mapping";
    }
    if (n instanceof ListNode) {
      return "a list";
    }
    return ((ScalarNode) n).describe();
  }
}
