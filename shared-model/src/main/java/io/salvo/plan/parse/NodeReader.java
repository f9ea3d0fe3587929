package io.salvo.plan.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads YAML or JSON text into a {@link Node} tree that keeps every value's position. Documents
 * nested deeper than 1000 levels are refused by Jackson's read constraints; YAML aliases are
 * refused here (an alias is never expanded, so a "billion laughs" document costs nothing).
 */
final class NodeReader {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private final String source;
  private final List<PlanProblem> problems;

  NodeReader(String source, List<PlanProblem> problems) {
    this.source = source;
    this.problems = problems;
  }

  /** The document's root, or {@code null} with a problem recorded when the text is malformed. */
  Node read(String text, PlanFormat format) {
    String what = format == PlanFormat.JSON ? "JSON" : "YAML";
    try (JsonParser p = (format == PlanFormat.JSON ? JSON : YAML).createParser(text)) {
      if (p.nextToken() == null) {
        problems.add(
            new PlanProblem(
                source, 0, 0, "", "is empty: a plan needs at least 'target' and 'scenarios'"));
        return null;
      }
      Node root = value(p);
      if (p.nextToken() != null) {
        JsonLocation at = p.currentTokenLocation();
        problems.add(
            new PlanProblem(
                source,
                at.getLineNr(),
                at.getColumnNr(),
                "",
                "holds more than one document; a plan file holds one"));
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      problems.add(
          new PlanProblem(
              source,
              at == null ? 0 : at.getLineNr(),
              at == null ? 0 : at.getColumnNr(),
              "",
              "malformed " + what + ": " + JacksonMessages.clean(e.getOriginalMessage())));
      return null;
    } catch (IOException e) {
      problems.add(new PlanProblem(source, 0, 0, "", "cannot be read: " + e.getMessage()));
      return null;
    }
  }

  private Node value(JsonParser p) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int col = at.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Node.MapNode map = new Node.MapNode(line, col);
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String key = p.currentName();
          JsonLocation keyAt = p.currentTokenLocation();
          p.nextToken();
          Node v = value(p);
          if (map.entries().containsKey(key)) {
            problems.add(
                new PlanProblem(
                    source, keyAt.getLineNr(), keyAt.getColumnNr(), key, "is given twice"));
          } else {
            map.entries().put(key, new Node.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), v));
          }
        }
        return map;
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p));
        }
        return new Node.ListNode(line, col, items);
      }
      case VALUE_STRING -> {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
          problems.add(
              new PlanProblem(
                  source,
                  line,
                  col,
                  "",
                  "uses the YAML alias '*"
                      + p.getText()
                      + "': plans do not take anchors and aliases, write the value out"));
          return new Node.ScalarNode(line, col, null);
        }
        return new Node.ScalarNode(line, col, p.getText());
      }
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return new Node.ScalarNode(line, col, p.getDoubleValue());
        }
        return new Node.ScalarNode(line, col, p.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Node.ScalarNode(line, col, p.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return new Node.ScalarNode(line, col, Boolean.TRUE);
      }
      case VALUE_FALSE -> {
        return new Node.ScalarNode(line, col, Boolean.FALSE);
      }
      case VALUE_NULL -> {
        return new Node.ScalarNode(line, col, null);
      }
      default -> throw new IllegalStateException("unexpected token " + t + " at " + at);
    }
  }
}
