package io.salvo.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Reads and writes {@code report.json}. */
public final class ReportJson {
  private static final ObjectMapper MAPPER = mapper();

  private ReportJson() {}

  private static ObjectMapper mapper() {
    SimpleModule instants = new SimpleModule("instants");
    instants.addSerializer(Instant.class, ToStringSerializer.instance);
    instants.addDeserializer(
        Instant.class,
        new FromStringDeserializer<>(Instant.class) {
          @Override
          protected Instant _deserialize(
              String value, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
            return Instant.parse(value);
          }
        });
    return new ObjectMapper()
        .registerModule(instants)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  public static String write(Report report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String write(Comparison comparison) {
    try {
      return MAPPER.writeValueAsString(comparison);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a comparison ({@code GET /api/runs/{id}/compare/{base}}).
   *
   * @throws IllegalArgumentException when the text is not one
   */
  public static Comparison readComparison(String json) {
    try {
      return MAPPER.readValue(json, Comparison.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Salvo comparison: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a report; fields a newer writer added are ignored.
   *
   * @throws IllegalArgumentException when the text is not a report
   */
  public static Report read(String json) {
    try {
      return MAPPER.readValue(json, Report.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Salvo report: " + e.getOriginalMessage(), e);
    }
  }
}
