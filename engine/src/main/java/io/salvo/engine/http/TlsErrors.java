package io.salvo.engine.http;

import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns why a connection could not be set up into a sentence that says what to do. */
final class TlsErrors {
  private TlsErrors() {}

  static String connectFailure(Throwable cause) {
    if (cause instanceof ConnectException) {
      return "connection refused or unreachable (" + cause.getMessage() + ")";
    }
    return String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause);
  }

  /** Why a TLS handshake with {@code origin} failed, naming the certificate problem. */
  static String explain(Throwable cause, OriginSetup origin) {
    String chain = messages(cause);
    String lower = chain.toLowerCase(Locale.ROOT);
    String what;
    if (lower.contains("certificate_expired") && origin.clientCertificate()) {
      what = "the server says Salvo's client certificate has expired";
    } else if (has(cause, CertificateExpiredException.class) || lower.contains("expired")) {
      what = "the server's certificate has expired";
    } else if (has(cause, CertificateNotYetValidException.class)
        || lower.contains("not yet valid")) {
      what = "the server's certificate is not valid yet";
    } else if (lower.contains("no subject alternative")
        || lower.contains("no name matching")
        || lower.contains("hostname") && lower.contains("verif")) {
      what =
          "the server's certificate does not name "
              + origin.host()
              + " (give the name it was issued for in the URL, or set insecure: true)";
    } else if (lower.contains("pkix path")
        || lower.contains("unable to find valid certification path")
        || lower.contains("certificate_unknown") && !origin.clientCertificate()
        || has(cause, CertPathValidatorException.class)
        || lower.contains("self signed")
        || lower.contains("self-signed")) {
      what =
          "the server's certificate is not trusted: give the CA that issued it with"
              + " target.tls.ca (--ca), or set insecure: true (--insecure) to skip verification";
    } else if (lower.contains("certificate_required")
        || lower.contains("bad_certificate")
        || lower.contains("certificate_unknown")
        || lower.contains("handshake_failure") && !origin.clientCertificate()) {
      what =
          origin.clientCertificate()
              ? "the server refused Salvo's client certificate"
              : "the server refused the handshake; it may require a client certificate"
                  + " (target.tls.clientCert and clientKey, or clientKeystore; --cert and --key)";
    } else if (lower.contains("protocol_version") || lower.contains("no appropriate protocol")) {
      what = "the server and Salvo share no TLS version (Salvo offered the plan's tls.versions)";
    } else if (lower.contains("timed out")) {
      what = "the TLS handshake did not finish within the connect timeout";
    } else if (lower.contains("not an ssl/tls record") || lower.contains("plaintext")) {
      what = "the server does not speak TLS on this port (an http:// server?)";
    } else {
      what = "the TLS handshake failed";
    }
    return what + " [" + chain + "]";
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** The distinct messages of a cause chain, outermost first. */
  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    String last = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m == null) {
        m = c.getClass().getSimpleName();
      }
      if (last != null && (last.contains(m) || m.contains(last) && c instanceof SSLException)) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(": ");
      }
      sb.append(m);
      last = m;
      if (sb.length() > 400) {
        break;
      }
    }
    return sb.toString();
  }
}
