package io.salvo.plan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The content of a file a plan refers to (a feeder, a CA certificate, a client key), read when the
 * plan loads. A plan carries the bytes, never the path, so it means the same on every node: the
 * coordinator and the agents never open the user's files.
 *
 * @param name the file's name as the plan gave it, for messages
 */
public record PlanResource(String name, byte[] content) {
  /** The most bytes all the files of one plan may hold together: they travel in its messages. */
  public static final int MAX_TOTAL_BYTES = 8 * 1024 * 1024;

  public PlanResource {
    Rules.required("name", name);
    Rules.required("content", content);
  }

  public static PlanResource ofText(String name, String text) {
    return new PlanResource(name, text.getBytes(StandardCharsets.UTF_8));
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public int size() {
    return content.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlanResource r && name.equals(r.name) && Arrays.equals(content, r.content);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "PlanResource[" + name + ", " + content.length + " bytes]";
  }
}
