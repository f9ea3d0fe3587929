package io.salvo.engine.exec;

import io.salvo.engine.http.Response;
import io.salvo.engine.session.CompiledTemplate;
import io.salvo.engine.session.Slots;
import io.salvo.engine.session.TemplateContext;
import io.salvo.plan.BodyCheck;
import io.salvo.plan.JsonLocator;
import java.util.regex.Pattern;

/** A {@link BodyCheck} compiled once: its JSON location, pattern or templates. */
final class BodyCheckRule {
  final String label;
  private final BodyCheck.Kind kind;
  private final JsonLocator locator;
  private final Pattern pattern;
  private final CompiledTemplate text;

  BodyCheckRule(BodyCheck c, Slots slots) {
    this.label = c.label();
    this.kind = c.kind();
    this.locator =
        kind == BodyCheck.Kind.JSON || kind == BodyCheck.Kind.JSON_PATH ? c.locator() : null;
    this.pattern = kind == BodyCheck.Kind.MATCHES ? c.pattern() : null;
    String t = kind == BodyCheck.Kind.CONTAINS ? c.expression() : c.equals();
    this.text = t == null ? null : CompiledTemplate.compile(t, slots, CompiledTemplate.Escape.NONE);
  }

  boolean passes(Response r, BodyText body, TemplateContext ctx) {
    return switch (kind) {
      case JSON, JSON_PATH -> {
        String v = locator.find(r.body(), r.bodyLength());
        yield v != null && (text == null || v.equals(text.render(ctx)));
      }
      case CONTAINS -> body.text(r).contains(text.render(ctx));
      case MATCHES -> pattern.matcher(body.text(r)).find();
    };
  }
}
