package io.salvo.engine.exec;

import io.salvo.engine.http.Response;
import java.nio.charset.StandardCharsets;

/** A response body decoded as UTF-8 at most once, for the regular expressions that need text. */
final class BodyText {
  private String text;

  void reset() {
    text = null;
  }

  String text(Response r) {
    if (text == null) {
      text = new String(r.body(), 0, r.bodyLength(), StandardCharsets.UTF_8);
    }
    return text;
  }
}
