package io.salvo.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.salvo.coordinator.InvalidRequestException;
import io.salvo.plan.parse.JacksonMessages;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.stream.Collectors;

/**
 * JSON request and response bodies with Salvo's own Jackson, on RESTEasy and on Jersey alike. A
 * body that does not parse, or names an unknown field, is a 400 naming it.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/problem+json"})
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public class JsonBodies implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
  @Override
  public boolean isReadable(Class<?> type, Type generic, Annotation[] a, MediaType media) {
    return type != String.class;
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type generic,
      Annotation[] a,
      MediaType media,
      MultivaluedMap<String, String> headers,
      InputStream in) {
    try {
      return ApiJson.MAPPER.readerFor(ApiJson.MAPPER.constructType(generic)).readValue(in);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidRequestException(
          e.getPropertyName(),
          "unknown field '" + e.getPropertyName() + "'; known: " + e.getKnownPropertyIds());
    } catch (MismatchedInputException e) {
      String field =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      if (field.isEmpty()) {
        throw new InvalidRequestException(
            "body",
            "the body must be a JSON object"
                + (e.getOriginalMessage().startsWith("No content") ? ", and it is empty" : ""));
      }
      Object was = e instanceof InvalidFormatException f ? f.getValue() : null;
      throw new InvalidRequestException(
          field,
          field
              + " must be "
              + kind(e.getTargetType())
              + (was instanceof String t
                  ? ", was '" + t + "'"
                  : was != null ? ", was " + was : ""));
    } catch (InputCoercionException e) {
      throw new InvalidRequestException(
          fieldAt(e),
          fieldAt(e) + " is out of range: " + JacksonMessages.clean(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "body", "the body is not valid JSON: " + JacksonMessages.clean(e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      throw new InvalidRequestException("body", "the body cannot be read: " + e.getMessage());
    }
  }

  private static String fieldAt(InputCoercionException e) {
    try {
      String name = e.getProcessor() == null ? null : e.getProcessor().currentName();
      return name == null ? "body" : name;
    } catch (java.io.IOException | RuntimeException unknown) {
      return "body";
    }
  }

  private static String kind(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return "a JSON object";
  }

  @Override
  public boolean isWriteable(Class<?> type, Type generic, Annotation[] a, MediaType media) {
    return type != String.class;
  }

  @Override
  public void writeTo(
      Object value,
      Class<?> type,
      Type generic,
      Annotation[] a,
      MediaType media,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws java.io.IOException {
    ApiJson.MAPPER.writeValue(out, value);
  }
}
