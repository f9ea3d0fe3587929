package io.salvo.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request. Its path, URL (after the origin), header values and body may hold {@code
 * ${...}} templates, rendered for each session from its variables.
 *
 * @param name how the step is reported; defaults to {@code METHOD path}
 * @param method an HTTP method
 * @param path a path resolved against the target's base URL, or {@code null} when {@code url} is
 *     set
 * @param url an absolute URL, or {@code null} when {@code path} is set; its scheme, host and port
 *     are fixed (they choose the connection pool), the rest may use templates
 * @param headers added to (and overriding) the target's default headers
 * @param body sent with a Content-Length; {@code null} for none
 * @param expect the statuses that pass the check
 * @param extract values taken from the response into session variables
 * @param checks checks on the response body
 * @param http the HTTP version for this request; null: the target's
 */
public record HttpStep(
    String name,
    String method,
    String path,
    String url,
    Map<String, String> headers,
    String body,
    StatusExpectation expect,
    List<Extractor> extract,
    List<BodyCheck> checks,
    HttpProtocol http)
    implements Step {

  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

  public HttpStep {
    Rules.required("method", method);
    if (!METHODS.contains(method)) {
      throw new PlanRuleException(
          "method",
          "must be one of GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, was '" + method + "'");
    }
    if ((path == null) == (url == null)) {
      throw new PlanRuleException("", "needs exactly one of 'path' and 'url'");
    }
    if (path != null) {
      if (!path.startsWith("/")) {
        throw new PlanRuleException("path", "must start with '/', was '" + path + "'");
      }
      checkRequestTarget("path", path);
    }
    if (url != null) {
      HttpUrls.checkAbsolute("url", HttpUrls.originOf("url", url));
      checkRequestTarget("url", HttpUrls.targetOf(url));
    }
    if (name == null) {
      name = method + " " + (path != null ? path : url);
    }
    if (name.isBlank() || name.length() > 200) {
      throw new PlanRuleException("name", "must be 1 to 200 characters");
    }
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      checkHeader("headers." + h.getKey(), h.getKey(), h.getValue());
    }
    if (body != null) {
      template("body", body);
    }
    expect = expect == null ? StatusExpectation.BELOW_400 : expect;
    extract = extract == null ? List.of() : List.copyOf(extract);
    checks = checks == null ? List.of() : List.copyOf(checks);
    int dup = Rules.firstDuplicate(extract.stream().map(Extractor::name).toList());
    if (dup >= 0) {
      throw new PlanRuleException(
          "extract[" + dup + "].name", "sets the same variable as an earlier extractor");
    }
  }

  /** A step without templates' extras: no extraction, no body checks, the target's HTTP version. */
  public HttpStep(
      String name,
      String method,
      String path,
      String url,
      Map<String, String> headers,
      String body,
      StatusExpectation expect) {
    this(name, method, path, url, headers, body, expect, null, null, null);
  }

  public static HttpStep get(String path) {
    return new HttpStep(null, "GET", path, null, null, null, null);
  }

  static void checkHeader(String field, String name, String value) {
    if (!name.matches(HEADER_NAME)) {
      throw new PlanRuleException(field, "is not a valid header name");
    }
    if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new PlanRuleException(field, "must be one line of text");
    }
    template(field, value);
  }

  static Template template(String field, String text) {
    try {
      return Template.parse(text);
    } catch (PlanRuleException e) {
      throw new PlanRuleException(field, e.rule());
    }
  }

  /** Checks that a path or path-and-query is a valid request target once rendered. */
  private static void checkRequestTarget(String field, String target) {
    Template t = template(field, target);
    try {
      new URI("http://h" + t.withStandIns("x"));
    } catch (URISyntaxException e) {
      throw new PlanRuleException(
          field, "is not a valid URL path: " + e.getReason() + " at character " + (e.getIndex()));
    }
  }

  /** The origin ({@code scheme://host:port}) this step's requests go to. */
  public URI origin(Target target) {
    return url != null ? HttpUrls.originOf("url", url) : HttpUrls.originOf("baseUrl", target);
  }

  /** The path and query to request, a template: the base URL's path and the step's path. */
  public String requestTarget(Target target) {
    return url != null ? HttpUrls.targetOf(url) : HttpUrls.join(target.baseUrl(), path);
  }

  /** The whole URL as written, templates included, for messages. */
  public String displayUrl(Target target) {
    return HttpUrls.origin(origin(target)) + requestTarget(target);
  }

  /** The session variables the request's templates and checks use, in order of first use. */
  public Set<String> variables() {
    Set<String> out = new LinkedHashSet<>();
    out.addAll(Template.parse(path != null ? path : HttpUrls.targetOf(url)).variables());
    for (String v : headers.values()) {
      out.addAll(Template.parse(v).variables());
    }
    if (body != null) {
      out.addAll(Template.parse(body).variables());
    }
    for (BodyCheck c : checks) {
      out.addAll(c.variables());
    }
    return out;
  }
}
