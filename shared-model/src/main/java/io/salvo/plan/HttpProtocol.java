package io.salvo.plan;

import java.util.Locale;

/** Which HTTP version requests use. */
public enum HttpProtocol {
  /**
   * HTTP/2 when the server offers it through TLS's ALPN, HTTP/1.1 otherwise (and always on plain
   * {@code http://}).
   */
  AUTO("auto"),
  /** HTTP/1.1 only. */
  HTTP_1_1("1.1"),
  /** HTTP/2 only: ALPN {@code h2} over TLS, prior knowledge ({@code h2c}) on {@code http://}. */
  HTTP_2("2");

  private final String label;

  HttpProtocol(String label) {
    this.label = label;
  }

  /** How plans write it: {@code auto}, {@code 1.1} or {@code 2}. */
  public String label() {
    return label;
  }

  /**
   * Reads {@code auto}, {@code 1.1} or {@code 2} (also {@code 1}, {@code 2.0}, {@code h2}, {@code
   * http/1.1}).
   */
  public static HttpProtocol parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "auto" -> AUTO;
      case "1.1", "1", "http/1.1" -> HTTP_1_1;
      case "2", "2.0", "h2", "http/2" -> HTTP_2;
      default -> throw new PlanRuleException("", "must be auto, 1.1 or 2, was '" + text + "'");
    };
  }
}
