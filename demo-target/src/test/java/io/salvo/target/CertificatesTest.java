package io.salvo.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.target.tls.Certificates;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Certificates#generate} writes, read back with the JDK alone. */
class CertificatesTest {
  @TempDir Path dir;

  private static List<X509Certificate> read(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast)
          .toList();
    }
  }

  @Test
  void writesACaSignedServerAndClientAndAnUnrelatedCa() throws Exception {
    Certificates.Bundle certs = Certificates.generate(dir);
    X509Certificate ca = read(certs.ca()).get(0);
    assertTrue(ca.getBasicConstraints() >= 0, "a CA");
    ca.verify(ca.getPublicKey());

    List<X509Certificate> server = read(certs.serverCert());
    assertEquals(2, server.size(), "leaf then CA");
    server.get(0).verify(ca.getPublicKey());
    server.get(0).checkValidity();
    assertEquals(-1, server.get(0).getBasicConstraints());
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.get(0).getExtendedKeyUsage());
    assertTrue(server.get(0).getSubjectAlternativeNames().contains(List.of(2, "localhost")));
    assertTrue(server.get(0).getSubjectAlternativeNames().contains(List.of(7, "127.0.0.1")));

    X509Certificate client = read(certs.clientCert()).get(0);
    client.verify(ca.getPublicKey());
    assertTrue(client.getSubjectX500Principal().getName().contains("CN=salvo-client"));
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage());

    X509Certificate other = read(certs.otherCa()).get(0);
    assertTrue(!other.getSubjectX500Principal().equals(ca.getSubjectX500Principal()));

    X509Certificate expired = read(certs.expiredServerCert()).get(0);
    expired.verify(ca.getPublicKey());
    assertThrows(CertificateExpiredException.class, expired::checkValidity);

    for (Path key : List.of(certs.serverKey(), certs.clientKey(), certs.expiredServerKey())) {
      assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"), key.toString());
    }
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certs.clientP12())) {
      p12.load(in, Certificates.P12_PASSWORD.toCharArray());
    }
    String alias = p12.aliases().nextElement();
    assertTrue(p12.isKeyEntry(alias));
    assertEquals(client, p12.getCertificateChain(alias)[0]);
    assertEquals(2, p12.getCertificateChain(alias).length);
  }

  @Test
  void ensureKeepsExistingFiles() throws Exception {
    Certificates.Bundle first = Certificates.ensure(dir);
    String ca = Files.readString(first.ca());
    Certificates.Bundle second = Certificates.ensure(dir);
    assertEquals(ca, Files.readString(second.ca()));
    assertEquals(first, second);
  }
}
