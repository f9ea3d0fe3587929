package io.salvo.engine.http;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of a response that a step asked for, captured while it arrives: headers (all of them,
 * or only Set-Cookie) and the body (up to {@link #MAX_BODY_BYTES}). One instance per connection or
 * stream, reused; valid only during the response callback.
 */
public final class Response {
  /** Keep the response headers. */
  public static final int HEADERS = 1;

  /** Keep the response body. */
  public static final int BODY = 2;

  /** Keep Set-Cookie headers (when the other headers are not kept). */
  public static final int COOKIES = 4;

  /** The most body bytes kept for extraction and checks; the rest is counted, not kept. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private final List<String> names = new ArrayList<>();
  private final List<String> values = new ArrayList<>();
  private final List<String> setCookies = new ArrayList<>();
  private byte[] body = new byte[0];
  private int bodyLength;
  private boolean truncated;
  private int capture;
  private int status;
  private long bytes;

  /** Starts a new response, keeping what {@code capture} (a mask of the flags above) asks. */
  void reset(int capture) {
    this.capture = capture;
    names.clear();
    values.clear();
    setCookies.clear();
    bodyLength = 0;
    truncated = false;
    status = 0;
    bytes = 0;
  }

  int capture() {
    return capture;
  }

  /** Sets the final status and the response's size on the wire (headers included). */
  void status(int status, long bytes) {
    this.status = status;
    this.bytes = bytes;
  }

  public int status() {
    return status;
  }

  /**
   * The response's bytes on the wire, headers included; for HTTP/2 its DATA payload (its headers
   * are compressed against a table the connection shares, so they are not attributed).
   */
  public long bytes() {
    return bytes;
  }

  public boolean wantsHeaders() {
    return (capture & HEADERS) != 0;
  }

  public boolean wantsCookies() {
    return (capture & (COOKIES | HEADERS)) != 0;
  }

  boolean wantsBody() {
    return (capture & BODY) != 0;
  }

  /** How many headers were kept (only when {@link #HEADERS} was asked for). */
  public int headerCount() {
    return names.size();
  }

  /** The name, in lower case, of kept header {@code i}. */
  public String headerName(int i) {
    return names.get(i);
  }

  public String headerValue(int i) {
    return values.get(i);
  }

  /** A header, its name in lower case. */
  void header(String lowerName, String value) {
    if (wantsHeaders()) {
      names.add(lowerName);
      values.add(value);
    }
    if (lowerName.equals("set-cookie")) {
      setCookies.add(value);
    }
  }

  void body(ByteBuf buf, int index, int length) {
    int room = MAX_BODY_BYTES - bodyLength;
    int n = Math.min(room, length);
    if (n < length) {
      truncated = true;
    }
    if (n <= 0) {
      return;
    }
    if (bodyLength + n > body.length) {
      body =
          Arrays.copyOf(body, Math.min(MAX_BODY_BYTES, Math.max(body.length * 2, bodyLength + n)));
    }
    buf.getBytes(index, body, bodyLength, n);
    bodyLength += n;
  }

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return values.get(i);
      }
    }
    return null;
  }

  public List<String> setCookies() {
    return setCookies;
  }

  /** The kept body bytes: {@code body()[0 .. bodyLength())}; do not keep the array. */
  public byte[] body() {
    return body;
  }

  public int bodyLength() {
    return bodyLength;
  }

  /** Whether the body was longer than what was kept. */
  public boolean truncated() {
    return truncated;
  }
}
