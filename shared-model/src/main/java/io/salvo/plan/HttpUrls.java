package io.salvo.plan;

import java.net.URI;

/** The URL rules Salvo applies: absolute http(s) URLs with a host. */
public final class HttpUrls {
  private HttpUrls() {}

  static URI checkAbsolute(String field, URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new PlanRuleException(field, "must be an http:// or https:// URL, was '" + url + "'");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new PlanRuleException(field, "must name a host, was '" + url + "'");
    }
    return url;
  }

  /** The port of an http(s) URL, filling in the scheme's default. */
  public static int port(URI url) {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return "https".equals(url.getScheme()) ? 443 : 80;
  }

  /** {@code scheme://host:port} of the URL, the key of a connection pool. */
  public static String origin(URI url) {
    return url.getScheme() + "://" + url.getHost() + ":" + port(url);
  }

  /** The request target to put on the request line: path and query, at least {@code /}. */
  public static String requestTarget(URI url) {
    String path = url.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  /** Resolves a step's path against the base URL, keeping the base URL's own path as a prefix. */
  public static URI resolve(URI baseUrl, String path) {
    String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + basePath + path);
  }
}
