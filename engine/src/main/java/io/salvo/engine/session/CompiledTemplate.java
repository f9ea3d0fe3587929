package io.salvo.engine.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.salvo.plan.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A {@link Template} compiled for the hot path: literal parts as bytes, variables as slots.
 * Rendering writes straight into a request buffer, escaping values for where they go.
 */
public final class CompiledTemplate {
  /** How a variable's value is made safe for its place in the request. */
  public enum Escape {
    /** As is (bodies). */
    NONE,
    /**
     * Characters that may not appear in a request target (space, quotes, control and non-ASCII
     * characters, ...) are percent-encoded; '/', '?', '&', '=', '%' and the like pass, so a value
     * may carry a path or a pre-encoded query.
     */
    PATH,
    /** Line breaks become spaces, so a value cannot end a header early. */
    HEADER
  }

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final boolean[] TARGET_SAFE = new boolean[128];

  static {
    String safe =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?%";
    for (char c : safe.toCharArray()) {
      TARGET_SAFE[c] = true;
    }
  }

  private final Template source;
  private final Escape escape;
  private final Object[] pieces; // byte[] literal | Integer slot | Template.Builtin
  private final byte[] staticBytes;
  private final String staticText;

  private CompiledTemplate(Template source, Escape escape, Object[] pieces, byte[] staticBytes) {
    this.source = source;
    this.escape = escape;
    this.pieces = pieces;
    this.staticBytes = staticBytes;
    this.staticText = staticBytes == null ? null : source.withStandIns("");
  }

  public static CompiledTemplate compile(String text, Slots slots, Escape escape) {
    return compile(Template.parse(text), slots, escape);
  }

  public static CompiledTemplate compile(Template t, Slots slots, Escape escape) {
    List<Object> pieces = new ArrayList<>();
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Text text) {
        pieces.add(text.text().getBytes(StandardCharsets.UTF_8));
      } else if (p instanceof Template.Variable v) {
        pieces.add(slots.of(v.name()));
      } else {
        pieces.add(p);
      }
    }
    byte[] fixed = null;
    if (t.isStatic()) {
      fixed = t.withStandIns("").getBytes(StandardCharsets.UTF_8);
    }
    return new CompiledTemplate(t, escape, pieces.toArray(), fixed);
  }

  public boolean isStatic() {
    return staticBytes != null;
  }

  /** The bytes of a template without placeholders. */
  public byte[] staticBytes() {
    if (staticBytes == null) {
      throw new IllegalStateException("'" + source.source() + "' has placeholders");
    }
    return staticBytes;
  }

  public String source() {
    return source.source();
  }

  /** Writes the rendered text into {@code out}. */
  public void write(ByteBuf out, TemplateContext ctx) {
    if (staticBytes != null) {
      out.writeBytes(staticBytes);
      return;
    }
    for (Object p : pieces) {
      if (p instanceof byte[] literal) {
        out.writeBytes(literal);
      } else if (p instanceof Integer slot) {
        String v = ctx.variable(slot);
        if (v != null) {
          writeEscaped(out, v);
        }
      } else {
        writeEscaped(out, builtin((Template.Builtin) p, ctx));
      }
    }
  }

  /** The rendered text as a string (for checks, HTTP/2 headers). */
  public String render(TemplateContext ctx) {
    if (staticText != null) {
      return staticText;
    }
    StringBuilder sb = new StringBuilder();
    for (Object p : pieces) {
      String v;
      if (p instanceof byte[] literal) {
        sb.append(new String(literal, StandardCharsets.UTF_8));
        continue;
      } else if (p instanceof Integer slot) {
        v = ctx.variable(slot);
      } else {
        v = builtin((Template.Builtin) p, ctx);
      }
      if (v != null) {
        appendEscaped(sb, v);
      }
    }
    return sb.toString();
  }

  private void writeEscaped(ByteBuf out, String v) {
    switch (escape) {
      case NONE -> ByteBufUtil.writeUtf8(out, v);
      case HEADER -> {
        if (v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
          ByteBufUtil.writeUtf8(out, v);
        } else {
          ByteBufUtil.writeUtf8(out, v.replace('\r', ' ').replace('\n', ' '));
        }
      }
      case PATH -> {
        for (int i = 0; i < v.length(); i++) {
          char c = v.charAt(i);
          if (c < 128 && TARGET_SAFE[c]) {
            out.writeByte(c);
          } else {
            int end = Character.isHighSurrogate(c) && i + 1 < v.length() ? i + 2 : i + 1;
            for (byte b : v.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
              out.writeByte('%');
              out.writeByte(HEX[(b >> 4) & 0xF]);
              out.writeByte(HEX[b & 0xF]);
            }
            i = end - 1;
          }
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  private void appendEscaped(StringBuilder sb, String v) {
    switch (escape) {
      case NONE -> sb.append(v);
      case HEADER -> sb.append(v.replace('\r', ' ').replace('\n', ' '));
      case PATH -> {
        for (int i = 0; i < v.length(); i++) {
          char c = v.charAt(i);
          if (c < 128 && TARGET_SAFE[c]) {
            sb.append(c);
          } else {
            int end = Character.isHighSurrogate(c) && i + 1 < v.length() ? i + 2 : i + 1;
            for (byte b : v.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
              sb.append('%').append((char) HEX[(b >> 4) & 0xF]).append((char) HEX[b & 0xF]);
            }
            i = end - 1;
          }
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  static String builtin(Template.Builtin b, TemplateContext ctx) {
    return switch (b.kind()) {
      case SESSION_INDEX -> Long.toString(ctx.sessionIndex());
      case RANDOM_INT -> Long.toString(ctx.random().nextLong(b.min(), b.max() + 1));
      case UUID -> uuid(ctx.random());
      case NOW_MILLIS -> Long.toString(System.currentTimeMillis());
    };
  }

  /** A version 4 UUID from the loop's random source (no SecureRandom on the hot path). */
  static String uuid(SplittableRandom random) {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(hi, lo).toString();
  }
}
