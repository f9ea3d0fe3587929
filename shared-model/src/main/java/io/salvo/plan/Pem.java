package io.salvo.plan;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads certificates and keys from PEM text, with the JDK alone, for plan validation. */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  private Pem() {}

  /** The (type, DER bytes) blocks of a PEM text, in order. */
  static List<Object[]> blocks(String text) {
    List<Object[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        continue;
      }
      out.add(new Object[] {m.group(1), der});
    }
    return out;
  }

  /**
   * The X.509 certificates of a PEM text.
   *
   * @throws PlanRuleException when it holds none, or one that does not parse
   */
  static List<X509Certificate> certificates(PlanResource r) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (Object[] b : blocks(r.text())) {
        if ("CERTIFICATE".equals(b[0])) {
          Certificate c = f.generateCertificate(new ByteArrayInputStream((byte[]) b[1]));
          out.add((X509Certificate) c);
        }
      }
    } catch (CertificateException e) {
      throw new PlanRuleException(
          "", "'" + r.name() + "' holds a certificate that does not parse: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new PlanRuleException(
          "",
          "'"
              + r.name()
              + "' is not a certificate: expected PEM text with"
              + " -----BEGIN CERTIFICATE----- blocks");
    }
    return out;
  }

  /**
   * The unencrypted PKCS#8 private key of a PEM text.
   *
   * @throws PlanRuleException naming what the text holds instead
   */
  static PrivateKey privateKey(PlanResource r) {
    List<Object[]> blocks = blocks(r.text());
    for (Object[] b : blocks) {
      String type = (String) b[0];
      if (type.equals("PRIVATE KEY")) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec((byte[]) b[1]);
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "DSA")) {
          try {
            return KeyFactory.getInstance(alg).generatePrivate(spec);
          } catch (GeneralSecurityException e) {
            // try the next algorithm
          }
        }
        throw new PlanRuleException(
            "", "'" + r.name() + "' holds a private key of an algorithm Salvo does not read");
      }
      if (type.equals("ENCRYPTED PRIVATE KEY")) {
        throw new PlanRuleException(
            "",
            "'"
                + r.name()
                + "' is an encrypted key: give an unencrypted PKCS#8 key, or a PKCS#12 keystore"
                + " (clientKeystore) with its password");
      }
      if (type.endsWith("PRIVATE KEY")) {
        throw new PlanRuleException(
            "",
            "'"
                + r.name()
                + "' is a "
                + type
                + " (PKCS#1/SEC1); convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in "
                + r.name()
                + " -out key.pem");
      }
    }
    throw new PlanRuleException(
        "",
        "'"
            + r.name()
            + "' is not a private key: expected PEM text with a -----BEGIN PRIVATE KEY----- block");
  }

  /** Whether {@code key} is the private half of {@code cert}'s public key. */
  static boolean matches(PrivateKey key, X509Certificate cert) {
    String alg =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "DSA" -> "SHA256withDSA";
          default -> key.getAlgorithm();
        };
    try {
      byte[] data = "salvo".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(data);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(cert.getPublicKey());
      v.update(data);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
