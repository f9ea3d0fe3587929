package io.salvo.coordinator.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies above {@link #MAX_BYTES} with 413 before anything parses them: by their
 * Content-Length when they give one, else by counting while reading. A plan's files may hold 8 MiB,
 * which base64 in a JSON body turns into about 11 MiB; 16 MiB leaves room for the rest.
 */
@Provider
@PreMatching
public class BodyLimit implements ContainerRequestFilter {
  /** The largest request body the API reads. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!request.hasEntity()) {
      return;
    }
    String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        request.abortWith(
            ProblemMappers.problem(
                400,
                "Invalid request",
                "Content-Length must be a number of bytes, was '" + length + "'",
                "Content-Length",
                null));
        return;
      }
      if (declared > MAX_BYTES) {
        tooLarge(request, "of " + declared + " bytes");
        return;
      }
    }
    byte[] body = readAtMost(request.getEntityStream(), MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      tooLarge(request, "above " + MAX_BYTES + " bytes");
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  private static void tooLarge(ContainerRequestContext request, String size) {
    request.abortWith(
        ProblemMappers.problem(
            413,
            "Body too large",
            "a request body "
                + size
                + " is refused: the limit is "
                + MAX_BYTES
                + " bytes (16 MiB); a plan's files may hold 8 MiB",
            "body",
            null));
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }
}
