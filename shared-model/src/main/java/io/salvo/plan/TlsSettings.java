package io.salvo.plan;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How Salvo speaks TLS to {@code https://} targets. Every certificate and key is checked when the
 * plan loads, so a wrong file fails the plan, not the run.
 *
 * @param insecure skip verifying the server's certificate (and its name); the report says so
 * @param ca PEM certificates trusted in addition to the JVM's default trust store; null for none
 * @param clientCert PEM certificate chain presented to servers that ask for one (mutual TLS)
 * @param clientKey the unencrypted PKCS#8 PEM private key of {@code clientCert}
 * @param clientKeystore a PKCS#12 keystore holding the client key and chain, instead of PEM files
 * @param clientKeystorePassword its password; null for none
 * @param versions the TLS versions offered, among {@code TLSv1.2} and {@code TLSv1.3}
 * @param provider which TLS implementation the engine uses
 */
public record TlsSettings(
    boolean insecure,
    PlanResource ca,
    PlanResource clientCert,
    PlanResource clientKey,
    PlanResource clientKeystore,
    String clientKeystorePassword,
    List<String> versions,
    Provider provider) {

  /** The TLS implementation: OpenSSL (BoringSSL, inside Netty's tcnative jar) or the JDK's. */
  public enum Provider {
    /** OpenSSL where its native library loads on this machine, the JDK's otherwise. */
    AUTO,
    JDK,
    OPENSSL;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final List<String> SUPPORTED_VERSIONS = List.of("TLSv1.2", "TLSv1.3");

  /** Verify against the JVM's trust store, no client certificate, TLS 1.2 and 1.3. */
  public static final TlsSettings DEFAULT =
      new TlsSettings(false, null, null, null, null, null, null, null);

  public TlsSettings {
    versions = versions == null || versions.isEmpty() ? SUPPORTED_VERSIONS : List.copyOf(versions);
    provider = provider == null ? Provider.AUTO : provider;
    for (int i = 0; i < versions.size(); i++) {
      if (!SUPPORTED_VERSIONS.contains(versions.get(i))) {
        throw new PlanRuleException(
            "versions[" + i + "]", "must be TLSv1.2 or TLSv1.3, was '" + versions.get(i) + "'");
      }
    }
    int dup = Rules.firstDuplicate(versions);
    if (dup >= 0) {
      throw new PlanRuleException("versions[" + dup + "]", "repeats an earlier version");
    }
    if (insecure && ca != null) {
      throw new PlanRuleException(
          "insecure", "skips verification, so 'ca' would not be used: give one or the other");
    }
    if (ca != null) {
      check("ca", () -> Pem.certificates(ca));
    }
    if ((clientCert == null) != (clientKey == null)) {
      throw new PlanRuleException(
          clientCert == null ? "clientCert" : "clientKey",
          "is required with " + (clientCert == null ? "clientKey" : "clientCert"));
    }
    if (clientKeystore != null && clientCert != null) {
      throw new PlanRuleException(
          "clientKeystore", "and clientCert/clientKey are two ways to say the same: give one");
    }
    if (clientKeystorePassword != null && clientKeystore == null) {
      throw new PlanRuleException("clientKeystorePassword", "needs clientKeystore");
    }
    if (clientCert != null) {
      List<X509Certificate> chain = check("clientCert", () -> Pem.certificates(clientCert));
      PrivateKey key = check("clientKey", () -> Pem.privateKey(clientKey));
      if (!Pem.matches(key, chain.get(0))) {
        throw new PlanRuleException(
            "clientKey",
            "'"
                + clientKey.name()
                + "' is not the private key of the certificate in '"
                + clientCert.name()
                + "'");
      }
    }
    if (clientKeystore != null) {
      checkKeystore(clientKeystore, clientKeystorePassword);
    }
  }

  private interface Check<T> {
    T run();
  }

  private static <T> T check(String field, Check<T> c) {
    try {
      return c.run();
    } catch (PlanRuleException e) {
      throw new PlanRuleException(field, e.rule());
    }
  }

  /** Opens the keystore as PKCS#12 and finds a private key in it. */
  private static void checkKeystore(PlanResource store, String password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(
          new ByteArrayInputStream(store.content()),
          password == null ? new char[0] : password.toCharArray());
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          return;
        }
      }
      throw new PlanRuleException(
          "clientKeystore", "'" + store.name() + "' holds no private key entry");
    } catch (PlanRuleException e) {
      throw e;
    } catch (Exception e) {
      throw new PlanRuleException(
          "clientKeystore",
          "'"
              + store.name()
              + "' cannot be opened as PKCS#12 (a wrong clientKeystorePassword, or not a"
              + " PKCS#12 file): "
              + e.getMessage());
    }
  }

  /** Whether the plan asks for a client certificate. */
  public boolean hasClientCertificate() {
    return clientCert != null || clientKeystore != null;
  }

  /** The trusted CA certificates the plan adds (empty without {@code ca}). */
  public List<X509Certificate> caCertificates() {
    return ca == null ? List.of() : Pem.certificates(ca);
  }

  /** The client certificate chain (PEM form only). */
  public List<X509Certificate> clientChain() {
    return clientCert == null ? List.of() : Pem.certificates(clientCert);
  }

  /** The client private key (PEM form only), or null. */
  public PrivateKey clientPrivateKey() {
    return clientKey == null ? null : Pem.privateKey(clientKey);
  }
}
