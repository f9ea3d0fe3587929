package io.salvo.plan;

import java.net.URI;
import java.net.URISyntaxException;

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
    if (url.getPort() == 0 || url.getPort() > 65535) {
      throw new PlanRuleException(
          field, "has port " + url.getPort() + ": a port is 1 to 65535, was '" + url + "'");
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

  /** Where the authority of an absolute URL text ends (its first '/', '?' or '#' after "//"). */
  private static int authorityEnd(String url) {
    int start = url.indexOf("://");
    int from = start < 0 ? 0 : start + 3;
    for (int i = from; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return i;
      }
    }
    return url.length();
  }

  /**
   * The scheme, host and port of an absolute URL text whose path may hold templates.
   *
   * @throws PlanRuleException on {@code field} when that part is not a valid, fixed origin
   */
  static URI originOf(String field, String url) {
    String origin = url.substring(0, authorityEnd(url));
    if (origin.contains("${")) {
      throw new PlanRuleException(
          field,
          "must not use templates in its scheme, host or port (they choose the connections);"
              + " templates may follow in the path, was '"
              + url
              + "'");
    }
    try {
      return checkAbsolute(field, new URI(origin));
    } catch (URISyntaxException e) {
      throw new PlanRuleException(field, "is not a valid URL: " + e.getMessage());
    }
  }

  static URI originOf(String field, Target target) {
    URI base = target.baseUrl();
    return URI.create(base.getScheme() + "://" + base.getRawAuthority());
  }

  /** The path and query of an absolute URL text (a template), at least {@code /}. */
  static String targetOf(String url) {
    String rest = url.substring(authorityEnd(url));
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    if (rest.isEmpty()) {
      return "/";
    }
    return rest.startsWith("?") ? "/" + rest : rest;
  }

  /** A step's path after the base URL's own path (the base URL's path is kept as a prefix). */
  static String join(URI baseUrl, String path) {
    String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    return basePath + path;
  }
}
