package io.salvo.plan;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request.
 *
 * @param name how the step is reported; defaults to {@code METHOD path}
 * @param method an HTTP method
 * @param path a path resolved against the target's base URL, or {@code null} when {@code url} is
 *     set
 * @param url an absolute URL, or {@code null} when {@code path} is set
 * @param headers added to (and overriding) the target's default headers
 * @param body sent as is, with a Content-Length; {@code null} for none
 * @param expect the statuses that pass the check
 */
public record HttpStep(
    String name,
    String method,
    String path,
    URI url,
    Map<String, String> headers,
    String body,
    StatusExpectation expect)
    implements Step {

  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

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
    if (path != null && !path.startsWith("/")) {
      throw new PlanRuleException("path", "must start with '/', was '" + path + "'");
    }
    if (url != null) {
      HttpUrls.checkAbsolute("url", url);
    }
    if (name == null) {
      name = method + " " + (path != null ? path : url.toString());
    }
    if (name.isBlank() || name.length() > 200) {
      throw new PlanRuleException("name", "must be 1 to 200 characters");
    }
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    expect = expect == null ? StatusExpectation.BELOW_400 : expect;
  }

  public static HttpStep get(String path) {
    return new HttpStep(null, "GET", path, null, null, null, null);
  }

  /** The absolute URL this step requests, given the target. */
  public URI resolve(Target target) {
    return url != null ? url : HttpUrls.resolve(target.baseUrl(), path);
  }
}
