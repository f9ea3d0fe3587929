package io.salvo.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.salvo.coordinator.run.InvalidRequestException;
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
    } catch (JsonProcessingException e) {
      String field = e.getProcessor() == null ? "body" : "body";
      throw new InvalidRequestException(
          field, "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new InvalidRequestException("body", "the body cannot be read: " + e.getMessage());
    }
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
