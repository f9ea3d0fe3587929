package io.salvo.engine.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import io.salvo.engine.session.CompiledTemplate;
import io.salvo.engine.session.CompiledTemplate.Escape;
import io.salvo.engine.session.Slots;
import io.salvo.engine.session.TemplateContext;
import io.salvo.plan.HttpStep;
import io.salvo.plan.HttpUrls;
import io.salvo.plan.Target;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request step compiled once per run: its templates compiled to slots, and, when nothing in it
 * varies, the whole HTTP/1.1 request encoded once (sending it copies those bytes into a pooled
 * buffer) and its HTTP/2 headers built once.
 */
public final class RequestPlan {
  public static final String USER_AGENT = "salvo/0.1";

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] COOKIE = "Cookie: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_LENGTH =
      "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HTTP11 = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

  /** Headers that describe an HTTP/1.1 connection and have no place in HTTP/2. */
  private static final Set<String> NOT_IN_HTTP2 =
      Set.of(
          "host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

  private final String method;
  private final boolean head;
  private final URI origin;
  private final String authority;
  private final CompiledTemplate target;
  private final List<String> headerNames;
  private final List<CompiledTemplate> headerValues;
  private final CompiledTemplate body;
  private final boolean contentLength;
  private final boolean ownCookieHeader;
  private final byte[] h1Static;
  private final byte[] h1StaticHead;
  private final byte[] staticBody;
  private final Http2Headers h2Static;
  private final int h2StaticSize;

  private RequestPlan(Target t, HttpStep step, Slots slots) {
    this.method = step.method();
    this.head = method.equals("HEAD");
    this.origin = step.origin(t);
    int port = HttpUrls.port(origin);
    boolean defaultPort = port == ("https".equals(origin.getScheme()) ? 443 : 80);
    this.authority = origin.getHost() + (defaultPort ? "" : ":" + port);
    this.target = CompiledTemplate.compile(step.requestTarget(t), slots, Escape.PATH);
    Map<String, String[]> headers = new LinkedHashMap<>();
    headers.put("user-agent", new String[] {"User-Agent", USER_AGENT});
    t.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new String[] {k, v}));
    step.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new String[] {k, v}));
    headers.remove("host");
    headers.remove("content-length");
    this.ownCookieHeader = headers.containsKey("cookie");
    this.headerNames = new ArrayList<>();
    this.headerValues = new ArrayList<>();
    for (String[] h : headers.values()) {
      headerNames.add(h[0]);
      headerValues.add(CompiledTemplate.compile(h[1], slots, Escape.HEADER));
    }
    this.body =
        step.body() == null ? null : CompiledTemplate.compile(step.body(), slots, Escape.NONE);
    this.contentLength = step.body() != null || !(method.equals("GET") || head);
    boolean fixed =
        target.isStatic()
            && headerValues.stream().allMatch(CompiledTemplate::isStatic)
            && (body == null || body.isStatic());
    if (fixed) {
      this.staticBody = body == null ? new byte[0] : body.staticBytes();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(method.getBytes(StandardCharsets.US_ASCII));
      out.write(' ');
      out.writeBytes(target.staticBytes());
      out.writeBytes(HTTP11);
      out.writeBytes(("Host: " + authority + "\r\n").getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < headerNames.size(); i++) {
        out.writeBytes((headerNames.get(i) + ": ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(headerValues.get(i).staticBytes());
        out.writeBytes(CRLF);
      }
      if (contentLength) {
        out.writeBytes(
            ("Content-Length: " + staticBody.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      this.h1StaticHead = out.toByteArray();
      out.writeBytes(CRLF);
      out.writeBytes(staticBody);
      this.h1Static = out.toByteArray();
      Http2Headers h2 = new DefaultHttp2Headers(false);
      this.h2StaticSize = fillHttp2(h2, null, null, null);
      this.h2Static = h2;
    } else {
      this.staticBody = null;
      this.h1StaticHead = null;
      this.h1Static = null;
      this.h2Static = null;
      this.h2StaticSize = 0;
    }
  }

  public static RequestPlan of(Target target, HttpStep step, Slots slots) {
    return new RequestPlan(target, step, slots);
  }

  public URI origin() {
    return origin;
  }

  public String host() {
    return origin.getHost();
  }

  public boolean head() {
    return head;
  }

  public boolean https() {
    return "https".equals(origin.getScheme());
  }

  /** Whether the step sets its own Cookie header (then the session's jar is not sent). */
  public boolean ownCookieHeader() {
    return ownCookieHeader;
  }

  /** The request target (path and query) as rendered for {@code ctx}. */
  public String target(TemplateContext ctx) {
    return target.render(ctx);
  }

  /** Whether the request target has no placeholder (then {@link #target} is always the same). */
  public boolean staticTarget() {
    return target.isStatic();
  }

  /** The size of the request when nothing in it varies, or -1. */
  public int staticLength() {
    return h1Static == null ? -1 : h1Static.length;
  }

  /**
   * Writes the request as HTTP/1.1.
   *
   * @param cookie the Cookie header value, or null
   * @param renderedTarget the request target already rendered for this request (its cookies were
   *     chosen by it), or null to render it here
   * @return the bytes written
   */
  public int writeHttp1(ByteBuf out, TemplateContext ctx, String cookie, String renderedTarget) {
    int start = out.writerIndex();
    if (h1Static != null) {
      if (cookie == null) {
        out.writeBytes(h1Static);
      } else {
        out.writeBytes(h1StaticHead);
        writeCookie(out, cookie);
        out.writeBytes(CRLF);
        out.writeBytes(staticBody);
      }
      return out.writerIndex() - start;
    }
    ByteBufUtil.writeAscii(out, method);
    out.writeByte(' ');
    if (renderedTarget != null) {
      ByteBufUtil.writeUtf8(out, renderedTarget);
    } else {
      target.write(out, ctx);
    }
    out.writeBytes(HTTP11);
    ByteBufUtil.writeAscii(out, "Host: ");
    ByteBufUtil.writeUtf8(out, authority);
    out.writeBytes(CRLF);
    for (int i = 0; i < headerNames.size(); i++) {
      ByteBufUtil.writeAscii(out, headerNames.get(i));
      out.writeByte(':');
      out.writeByte(' ');
      headerValues.get(i).write(out, ctx);
      out.writeBytes(CRLF);
    }
    if (cookie != null) {
      writeCookie(out, cookie);
    }
    ByteBuf rendered = null;
    try {
      if (body != null) {
        rendered = out.alloc().heapBuffer();
        body.write(rendered, ctx);
      }
      if (contentLength) {
        out.writeBytes(CONTENT_LENGTH);
        ByteBufUtil.writeAscii(
            out, Integer.toString(rendered == null ? 0 : rendered.readableBytes()));
        out.writeBytes(CRLF);
      }
      out.writeBytes(CRLF);
      if (rendered != null) {
        out.writeBytes(rendered);
      }
    } finally {
      if (rendered != null) {
        rendered.release();
      }
    }
    return out.writerIndex() - start;
  }

  private static void writeCookie(ByteBuf out, String cookie) {
    out.writeBytes(COOKIE);
    ByteBufUtil.writeUtf8(out, cookie);
    out.writeBytes(CRLF);
  }

  /**
   * The request's HTTP/2 headers; the same object for every request when nothing varies (the
   * encoder only reads it).
   *
   * @param sizeOut receives at index 0 the header block's size before compression (the body is
   *     counted by whoever renders it)
   */
  public Http2Headers http2Headers(
      TemplateContext ctx, String cookie, String renderedTarget, long[] sizeOut) {
    if (h2Static != null && cookie == null) {
      sizeOut[0] = h2StaticSize;
      return h2Static;
    }
    Http2Headers h = new DefaultHttp2Headers(false);
    sizeOut[0] = fillHttp2(h, ctx, cookie, renderedTarget);
    return h;
  }

  private int fillHttp2(Http2Headers h, TemplateContext ctx, String cookie, String renderedTarget) {
    String path = renderedTarget != null ? renderedTarget : target.render(ctx);
    h.method(method).scheme(origin.getScheme()).authority(authority).path(path);
    int size = method.length() + origin.getScheme().length() + authority.length() + path.length();
    for (int i = 0; i < headerNames.size(); i++) {
      String name = headerNames.get(i).toLowerCase(Locale.ROOT);
      if (NOT_IN_HTTP2.contains(name)) {
        continue;
      }
      String value = headerValues.get(i).render(ctx);
      h.add(AsciiString.of(name), value);
      size += name.length() + value.length();
    }
    if (cookie != null) {
      h.add("cookie", cookie);
      size += 6 + cookie.length();
    }
    return size;
  }

  /** The body for HTTP/2, or null; the caller owns the buffer. */
  public ByteBuf http2Body(ByteBufAllocator alloc, TemplateContext ctx) {
    if (body == null) {
      return null;
    }
    if (staticBody != null) {
      ByteBuf b = alloc.directBuffer(staticBody.length);
      b.writeBytes(staticBody);
      return b;
    }
    ByteBuf b = alloc.directBuffer();
    body.write(b, ctx);
    return b;
  }
}
