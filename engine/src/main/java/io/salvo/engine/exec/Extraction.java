package io.salvo.engine.exec;

import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.salvo.engine.http.Response;
import io.salvo.plan.Extractor;
import io.salvo.plan.JsonLocator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@link Extractor} compiled once: its JSON location or pattern, and its variable's slot. */
final class Extraction {
  final Extractor extractor;
  final int slot;
  final String label;
  private final JsonLocator locator;
  private final Pattern pattern;

  Extraction(Extractor e, int slot) {
    this.extractor = e;
    this.slot = slot;
    this.label = e.label();
    this.locator =
        e.kind() == Extractor.Kind.JSON || e.kind() == Extractor.Kind.JSON_PATH
            ? e.locator()
            : null;
    this.pattern = e.kind() == Extractor.Kind.REGEX ? e.pattern() : null;
  }

  /** The value in the response, or null when it is not there. */
  String from(Response r, BodyText body) {
    return switch (extractor.kind()) {
      case JSON, JSON_PATH -> locator.find(r.body(), r.bodyLength());
      case HEADER -> r.header(extractor.expression());
      case REGEX -> {
        Matcher m = pattern.matcher(body.text(r));
        yield m.find() ? m.group(extractor.group()) : null;
      }
      case COOKIE -> {
        String value = null;
        for (String h : r.setCookies()) {
          Cookie c = ClientCookieDecoder.LAX.decode(h);
          if (c != null && c.name().equals(extractor.expression())) {
            value = c.value();
          }
        }
        yield value;
      }
    };
  }
}
