package io.salvo.plan.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plan's text with what looks like a secret masked, for views of stored plans: the values of
 * headers and fields named {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
 * {@code Set-Cookie} or anything containing {@code token}, {@code secret}, {@code password}, {@code
 * passwd}, {@code apikey}/{@code api-key}/{@code api_key}, {@code credential} or {@code private}
 * (in any case), the contents of files a plan carries for its feeders (rows of users, often with
 * their passwords), and any text holding a private key. A plan with none of these is returned as it
 * was written; one with any is written again from its parsed form in its own format (its comments
 * and layout are not kept), each masked value replaced by {@link #MASK}.
 */
public final class PlanMasking {
  public static final String MASK = "******";

  private static final List<String> EXACT =
      List.of("authorization", "proxy-authorization", "cookie", "set-cookie");
  private static final List<String> PARTS =
      List.of(
          "token",
          "secret",
          "password",
          "passwd",
          "apikey",
          "api-key",
          "api_key",
          "credential",
          "private");

  private PlanMasking() {}

  /** Whether a header or field of this name holds a secret. */
  public static boolean secretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return EXACT.contains(n) || PARTS.stream().anyMatch(n::contains);
  }

  /**
   * The plan's text with its secrets masked, or empty when it has none (show it as written).
   *
   * @throws IllegalArgumentException when the text is not YAML or JSON at all
   */
  public static Optional<String> masked(String source, PlanFormat format) {
    JsonNode root;
    try {
      root = PlanWriter.YAML.readTree(source);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a plan: " + e.getOriginalMessage(), e);
    }
    if (root == null || !mask(root, false, false)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          (format == PlanFormat.JSON ? PlanWriter.JSON : PlanWriter.YAML).writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Masks in place; whether anything was masked. */
  private static boolean mask(JsonNode node, boolean secret, boolean feeder) {
    boolean changed = false;
    if (node instanceof ObjectNode o) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      o.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> f : fields) {
        String name = f.getKey();
        boolean s =
            secret
                || secretName(name)
                || (feeder && (name.equals("inline") || name.equals("base64")));
        JsonNode child = f.getValue();
        if (child.isValueNode()) {
          if (!child.isNull() && (s || privateKey(child))) {
            o.set(name, TextNode.valueOf(MASK));
            changed = true;
          }
        } else {
          changed |= mask(child, s, feeder || name.equals("feeders"));
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        JsonNode child = a.get(i);
        if (child.isValueNode()) {
          if (!child.isNull() && (secret || privateKey(child))) {
            a.set(i, TextNode.valueOf(MASK));
            changed = true;
          }
        } else {
          changed |= mask(child, secret, feeder);
        }
      }
    }
    return changed;
  }

  private static boolean privateKey(JsonNode value) {
    return value.isTextual() && value.asText().contains("PRIVATE KEY-----");
  }
}
