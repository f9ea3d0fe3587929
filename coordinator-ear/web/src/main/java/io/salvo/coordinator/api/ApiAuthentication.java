package io.salvo.coordinator.api;

import io.salvo.coordinator.access.AccessService;
import io.salvo.coordinator.access.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * How a request to the API proves who sent it: {@code Authorization: Bearer <API token>} for the
 * CLI and CI, or {@code Authorization: Basic} with a user's name and password for people. A Jakarta
 * Security mechanism, so WildFly's security (Elytron) holds the caller and its roles; the web
 * descriptor requires the role {@code viewer} for everything under {@code /api}, and each resource
 * method names the higher role it needs ({@code @RolesAllowed}).
 *
 * <p>Missing or wrong credentials on a protected path get 401 with a problem-details body and the
 * two schemes in {@code WWW-Authenticate}. Credentials sent over plain HTTP from another machine
 * are refused (403) unless {@value #PLAIN_HTTP} is {@code any}: they were readable on the way.
 */
@ApplicationScoped
public class ApiAuthentication implements HttpAuthenticationMechanism {
  static final String PLAIN_HTTP = "salvo.auth.plainHttp";
  private static final Logger LOG = Logger.getLogger(ApiAuthentication.class.getName());

  @EJB AccessService access;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx) {
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      return ctx.isProtected()
          ? refuse(
              request,
              response,
              401,
              "Unauthorized",
              request.getMethod()
                  + " "
                  + request.getRequestURI()
                  + " needs credentials: Authorization: Bearer <API token>, or Basic with a user's"
                  + " name and password")
          : ctx.doNothing();
    }
    if (!credentialsTaken(
        request.isSecure(), request.getRemoteAddr(), System.getProperty(PLAIN_HTTP))) {
      LOG.warning("credentials over plain HTTP from " + request.getRemoteAddr() + " refused");
      return refuse(
          request,
          response,
          403,
          "Forbidden",
          "credentials are taken over HTTPS only from other machines (the coordinator's HTTPS port;"
              + " "
              + PLAIN_HTTP
              + "=any lifts this behind a TLS-terminating proxy)");
    }
    if (crossSite(request)) {
      LOG.warning(
          "cross-site "
              + request.getMethod()
              + " from "
              + request.getHeader("Origin")
              + " refused");
      return refuse(
          request,
          response,
          403,
          "Forbidden",
          request.getMethod()
              + " from another site ("
              + request.getHeader("Origin")
              + ") is refused: a browser would have sent its stored credentials with it");
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String value = space < 0 ? "" : header.substring(space + 1).trim();
    Optional<Caller> caller;
    String failure;
    if (scheme.equalsIgnoreCase("Bearer")) {
      caller = access.token(value);
      failure = "the API token is not valid (unknown, revoked, or mistyped)";
    } else if (scheme.equalsIgnoreCase("Basic")) {
      String[] pair = basic(value);
      caller = pair == null ? Optional.empty() : access.user(pair[0], pair[1]);
      failure = "wrong user name or password";
    } else {
      caller = Optional.empty();
      // Named only when it looks like a scheme: a header holding just a token must not be echoed
      // or logged.
      failure =
          (scheme.matches("[A-Za-z][A-Za-z0-9-]{0,19}")
                  ? "the Authorization scheme '" + scheme + "' is not taken"
                  : "the Authorization header names no scheme")
              + "; use Bearer or Basic";
    }
    if (caller.isEmpty()) {
      LOG.warning("authentication failed from " + request.getRemoteAddr() + ": " + failure);
      return refuse(request, response, 401, "Unauthorized", failure);
    }
    return ctx.notifyContainerAboutLogin(caller.get().name(), caller.get().role().grants());
  }

  /**
   * Whether a request that may change something comes from a page of another site: a browser sends
   * its stored Basic credentials with it, and says where the page came from in {@code Origin}.
   * Clients that are not browsers send no {@code Origin}.
   */
  static boolean crossSite(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    String method = request.getMethod();
    if (origin == null
        || method.equals("GET")
        || method.equals("HEAD")
        || method.equals("OPTIONS")) {
      return false;
    }
    String host = request.getHeader("Host");
    try {
      java.net.URI o = java.net.URI.create(origin);
      return host == null || o.getAuthority() == null || !o.getAuthority().equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  /** A Basic credential's name and password, or null when it is not one. */
  private static String[] basic(String value) {
    try {
      String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Whether credentials may be checked: over HTTPS always; over plain HTTP from this machine, or
   * from anywhere when {@code plainHttp} is {@code any}.
   */
  static boolean credentialsTaken(boolean secure, String remoteAddress, String plainHttp) {
    return secure || "any".equals(plainHttp) || loopback(remoteAddress);
  }

  /** The header the console sends with each API call. */
  static final String CONSOLE_HEADER = "X-Salvo-Console";

  private static boolean loopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Refuses a request with a problem body. A 401 offers Bearer and Basic, except to the console
   * (header {@code X-Salvo-Console}): it signs in on its own page, and a Basic challenge would make
   * the browser open its own dialog over it.
   */
  private static AuthenticationStatus refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String title,
      String detail) {
    response.setStatus(status);
    if (status == 401) {
      response.addHeader("WWW-Authenticate", "Bearer realm=\"Salvo\"");
      if (request.getHeader(CONSOLE_HEADER) == null) {
        response.addHeader("WWW-Authenticate", "Basic realm=\"Salvo\", charset=\"UTF-8\"");
      }
    }
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    try {
      response
          .getWriter()
          .write(ApiJson.compact(Problem.of(status, title, detail, "Authorization", null)));
      // Committed here, so that the container sends it as written.
      response.flushBuffer();
    } catch (IOException e) {
      LOG.fine("could not write the refusal: " + e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
