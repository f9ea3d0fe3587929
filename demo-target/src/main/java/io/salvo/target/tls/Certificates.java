package io.salvo.target.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates a throw-away certificate authority and certificates signed by it, for tests and demos
 * of TLS and mutual TLS against the target. Keys are EC P-256; certificates are valid from a day
 * before now to a year after (the expired server certificate: from three days to one day before
 * now). Bouncy Castle builds the certificates; the JDK's own providers make the keys and
 * signatures, so no security provider is registered.
 */
public final class Certificates {
  /** The password of {@code client.p12}. */
  public static final String P12_PASSWORD = "changeit";

  private static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Certificates() {}

  /**
   * The files {@link #generate} writes into {@code dir}: PEM certificates, unencrypted PKCS#8 PEM
   * keys, and the client's key and chain as PKCS#12 ({@link #P12_PASSWORD}).
   *
   * @param ca the CA that signed the server and client certificates
   * @param serverCert server leaf then the CA; SAN DNS:localhost, IP:127.0.0.1; serverAuth
   * @param clientCert client leaf (CN=salvo-client, clientAuth) then the CA
   * @param otherCa a second CA that signed nothing here, for "wrong CA" tests
   * @param expiredServerCert like {@code serverCert}, but valid only in the past
   */
  public record Bundle(
      Path dir,
      Path ca,
      Path serverCert,
      Path serverKey,
      Path clientCert,
      Path clientKey,
      Path clientP12,
      Path otherCa,
      Path expiredServerCert,
      Path expiredServerKey) {

    /** The server's chain and key, to start a target with. */
    public TlsFiles server() {
      return new TlsFiles(serverCert, serverKey);
    }

    /** The client's chain and key. */
    public TlsFiles client() {
      return new TlsFiles(clientCert, clientKey);
    }

    /** A server chain and key that expired yesterday. */
    public TlsFiles expiredServer() {
      return new TlsFiles(expiredServerCert, expiredServerKey);
    }
  }

  /** Where {@link #generate} puts its files in {@code dir}; reads and writes nothing. */
  public static Bundle in(Path dir) {
    return new Bundle(
        dir,
        dir.resolve("ca.pem"),
        dir.resolve("server.pem"),
        dir.resolve("server.key"),
        dir.resolve("client.pem"),
        dir.resolve("client.key"),
        dir.resolve("client.p12"),
        dir.resolve("other-ca.pem"),
        dir.resolve("server-expired.pem"),
        dir.resolve("server-expired.key"));
  }

  /** The files in {@code dir}, generated first if {@code dir/server.pem} does not exist. */
  public static Bundle ensure(Path dir) throws IOException {
    Bundle files = in(dir);
    return Files.exists(files.serverCert()) ? files : generate(dir);
  }

  /**
   * Creates {@code dir} if needed and writes a new CA, server, client, other-CA and expired server
   * certificate into it, replacing files of the same names.
   */
  public static Bundle generate(Path dir) throws IOException {
    Files.createDirectories(dir);
    Bundle files = in(dir);
    try {
      Instant now = Instant.now();
      Instant from = now.minus(Duration.ofDays(1));
      Instant to = now.plus(Duration.ofDays(365));

      KeyPair caKeys = newKeyPair();
      X500Name caName = new X500Name("CN=Salvo Test CA,O=Salvo");
      X509Certificate ca = ca(caName, caKeys, from, to);
      writePem(files.ca(), ca);

      KeyPair serverKeys = newKeyPair();
      X509Certificate server =
          leaf(ca, caKeys.getPrivate(), "CN=localhost,O=Salvo", serverKeys, from, to, true);
      writePem(files.serverCert(), server, ca);
      writeKey(files.serverKey(), serverKeys.getPrivate());

      KeyPair clientKeys = newKeyPair();
      X509Certificate client =
          leaf(ca, caKeys.getPrivate(), "CN=salvo-client,O=Salvo", clientKeys, from, to, false);
      writePem(files.clientCert(), client, ca);
      writeKey(files.clientKey(), clientKeys.getPrivate());
      writeP12(files.clientP12(), clientKeys.getPrivate(), client, ca);

      KeyPair otherKeys = newKeyPair();
      writePem(files.otherCa(), ca(new X500Name("CN=Salvo Other CA,O=Salvo"), otherKeys, from, to));

      KeyPair expiredKeys = newKeyPair();
      X509Certificate expired =
          leaf(
              ca,
              caKeys.getPrivate(),
              "CN=localhost,O=Salvo",
              expiredKeys,
              now.minus(Duration.ofDays(3)),
              now.minus(Duration.ofDays(1)),
              true);
      writePem(files.expiredServerCert(), expired, ca);
      writeKey(files.expiredServerKey(), expiredKeys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate certificates: " + e.getMessage(), e);
    }
    return files;
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static X509Certificate ca(X500Name name, KeyPair keys, Instant from, Instant to)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
                name, serial(), Date.from(from), Date.from(to), name, keys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                ext.createSubjectKeyIdentifier(keys.getPublic()));
    return sign(b, keys.getPrivate());
  }

  private static X509Certificate leaf(
      X509Certificate ca,
      PrivateKey caKey,
      String subject,
      KeyPair keys,
      Instant from,
      Instant to,
      boolean server)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    PublicKey key = keys.getPublic();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
                ca, serial(), Date.from(from), Date.from(to), new X500Name(subject), key)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(
                    server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth))
            .addExtension(
                Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
            .addExtension(
                Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
    if (server) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
    }
    return sign(b, caKey);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static void writePem(Path file, X509Certificate... chain) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      for (X509Certificate c : chain) {
        pem.writeObject(c);
      }
    }
    Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
  }

  /** PKCS#8: {@code JcaPEMWriter} given the key itself would write OpenSSL's "EC PRIVATE KEY". */
  private static void writeKey(Path file, PrivateKey key) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(new JcaPKCS8Generator(key, null));
    }
    Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
  }

  private static void writeP12(Path file, PrivateKey key, X509Certificate... chain)
      throws IOException, GeneralSecurityException {
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    p12.setKeyEntry("salvo-client", key, P12_PASSWORD.toCharArray(), (Certificate[]) chain);
    try (OutputStream out = Files.newOutputStream(file)) {
      p12.store(out, P12_PASSWORD.toCharArray());
    }
  }
}
