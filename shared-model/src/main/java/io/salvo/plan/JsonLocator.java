package io.salvo.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a value sits in a JSON document, written as a JSON pointer ({@code /items/0/id}) or in a
 * subset of JSONPath ({@code $.items[0].id}, {@code $['items'][0]['id']}). Finding it streams
 * through the document and skips what is not on the way, without building a tree.
 *
 * @param expression as written
 * @param segments field names and array indexes from the root
 */
public record JsonLocator(String expression, List<String> segments) {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Pattern PATH_STEP =
      Pattern.compile(
          "\\.([A-Za-z0-9_$@-]+)|\\[\\s*(\\d+)\\s*]|\\[\\s*'([^']*)'\\s*]|\\[\\s*\"([^\"]*)\"\\s*]");

  public JsonLocator {
    segments = List.copyOf(segments);
  }

  /**
   * Reads a JSON pointer (RFC 6901): empty for the whole document, else {@code /} followed by
   * segments, with {@code ~1} for '/' and {@code ~0} for '~'.
   */
  public static JsonLocator pointer(String text) {
    List<String> segments = new ArrayList<>();
    if (!text.isEmpty()) {
      if (!text.startsWith("/")) {
        throw new PlanRuleException(
            "",
            "must be a JSON pointer starting with '/', such as /items/0/id, was '" + text + "'");
      }
      for (String raw : text.substring(1).split("/", -1)) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
          char c = raw.charAt(i);
          if (c == '~') {
            char n = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
            if (n != '0' && n != '1') {
              throw new PlanRuleException(
                  "", "has a '~' not followed by 0 or 1 in JSON pointer '" + text + "'");
            }
            sb.append(n == '0' ? '~' : '/');
            i++;
          } else {
            sb.append(c);
          }
        }
        segments.add(sb.toString());
      }
    }
    return new JsonLocator(text, segments);
  }

  /**
   * Reads Salvo's JSONPath subset: {@code $} followed by {@code .name}, {@code ['name']} and {@code
   * [index]} steps; no wildcards, filters or recursive descent.
   */
  public static JsonLocator path(String text) {
    String s = text.trim();
    if (!s.startsWith("$")) {
      throw new PlanRuleException(
          "", "must be a JSONPath starting with '$', such as $.items[0].id, was '" + text + "'");
    }
    List<String> segments = new ArrayList<>();
    Matcher m = PATH_STEP.matcher(s);
    int at = 1;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new PlanRuleException(
            "",
            "is not in Salvo's JSONPath subset at character "
                + (at + 1)
                + " of '"
                + text
                + "': use $.name, $['name'] and $[index] steps (no *, .., or filters)");
      }
      for (int g = 1; g <= 4; g++) {
        if (m.group(g) != null) {
          segments.add(m.group(g));
          break;
        }
      }
      at = m.end();
    }
    return new JsonLocator(text, segments);
  }

  /**
   * The value at this location in a JSON document: a string's text, a number or boolean as written,
   * an object or array as its JSON text; null when the document is not JSON, the location does not
   * exist or holds JSON {@code null}.
   */
  public String find(byte[] json, int length) {
    try (JsonParser p = JSON.createParser(json, 0, length)) {
      JsonToken t = p.nextToken();
      for (String segment : segments) {
        if (t == JsonToken.START_OBJECT) {
          boolean found = false;
          while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            boolean match = segment.equals(p.currentName());
            t = p.nextToken();
            if (match) {
              found = true;
              break;
            }
            p.skipChildren();
          }
          if (!found) {
            return null;
          }
        } else if (t == JsonToken.START_ARRAY) {
          int index = index(segment);
          if (index < 0) {
            return null;
          }
          int i = 0;
          boolean found = false;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (i++ == index) {
              found = true;
              break;
            }
            p.skipChildren();
          }
          if (!found) {
            return null;
          }
        } else {
          return null;
        }
      }
      if (t == null || t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        return new String(json, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
      }
      return p.getText();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int index(String segment) {
    if (segment.isEmpty() || segment.length() > 9) {
      return -1;
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Integer.parseInt(segment);
  }
}
