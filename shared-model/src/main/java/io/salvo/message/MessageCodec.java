package io.salvo.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** JSON for {@link ClusterMessage}s. */
public final class MessageCodec {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .addMixIn(ClusterMessage.class, TypeIsWrittenByTypeInfo.class)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private MessageCodec() {}

  /** The {@code type()} accessor would repeat the type id: the type info writes it once. */
  private interface TypeIsWrittenByTypeInfo {
    @JsonIgnore
    String type();
  }

  public static String encode(ClusterMessage message) {
    try {
      return MAPPER.writerFor(ClusterMessage.class).writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes a message; newer minor fields are ignored.
   *
   * @throws IllegalArgumentException for text that is not a message of this contract version: a
   *     poison message, to be left to the dead-letter queue
   */
  public static ClusterMessage decode(String json) {
    ClusterMessage m;
    try {
      m = MAPPER.readValue(json, ClusterMessage.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Salvo message: " + e.getOriginalMessage(), e);
    }
    if (m.version() != ClusterMessage.VERSION) {
      throw new IllegalArgumentException(
          "message version " + m.version() + " is not " + ClusterMessage.VERSION);
    }
    return m;
  }

  /** JSON of a message part (a snapshot kept in a database, say). */
  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a message part written by {@link #toJson}.
   *
   * @throws IllegalArgumentException when the text is not one
   */
  public static <T> T fromJson(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Decodes a message that must be of {@code type}. */
  public static <T extends ClusterMessage> T decode(String json, Class<T> type) {
    ClusterMessage m = decode(json);
    if (!type.isInstance(m)) {
      throw new IllegalArgumentException(
          "expected a " + type.getSimpleName() + ", got " + m.type());
    }
    return type.cast(m);
  }
}
