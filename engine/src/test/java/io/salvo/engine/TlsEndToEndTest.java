package io.salvo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import io.salvo.stats.OriginInfo;
import io.salvo.stats.RequestStats;
import io.salvo.target.TargetServer;
import io.salvo.target.tls.Certificates;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTPS against a real TLS server on 127.0.0.1 with certificates made for the test: what is
 * trusted, what is refused and why, client certificates, both TLS providers, and handshakes counted
 * apart from latency.
 */
class TlsEndToEndTest {
  @TempDir static Path certs;
  private static Certificates.Bundle bundle;

  @BeforeAll
  static void certificates() throws Exception {
    bundle = Certificates.generate(certs);
  }

  private static Plan plan(String url, String tls) throws Exception {
    return PlanParser.parse(
        "tls.yaml",
        "target: {baseUrl: \""
            + url
            + "\", maxConnections: 4"
            + (tls == null ? "" : ", tls: " + tls)
            + "}\n"
            + """
            scenarios:
              - name: s
                steps: [{request: {path: /}}]
                load: [{iterations: {users: 4, iterations: 50}}]
            """,
        PlanFormat.YAML,
        certs);
  }

  private static EngineResult run(Plan plan) throws Exception {
    return LoadEngine.start(plan, EngineOptions.defaults().withEventLoops(1), i -> {}).await();
  }

  private static String refusal(Plan plan) {
    return assertThrows(
            TargetUnreachableException.class,
            () -> LoadEngine.start(plan, EngineOptions.defaults().withEventLoops(1), i -> {}))
        .getMessage();
  }

  @ParameterizedTest(name = "provider {0}")
  @ValueSource(strings = {"jdk", "openssl"})
  void aGivenCaIsTrustedAndHandshakesAreCountedApart(String provider) throws Exception {
    try (TargetServer target = TargetServer.builder().tls(bundle.server()).start()) {
      EngineResult r = run(plan(target.url(), "{ca: ca.pem, provider: " + provider + "}"));
      RequestStats s = r.scenarios().get("s").total();
      assertEquals(200, s.requests());
      assertEquals(0, s.errors(), s.toString());
      assertEquals(200, target.requests());
      // Keep-alive: one handshake per connection opened, never one per request.
      assertTrue(s.tlsHandshakes() >= 1 && s.tlsHandshakes() <= 4, "" + s.tlsHandshakes());
      assertEquals(s.tlsHandshakes(), s.tlsHandshakeMicros().getTotalCount());
      assertTrue(s.tlsHandshakeMicros().getMaxValue() > 0);
      OriginInfo o = r.origins().get(0);
      assertEquals(provider, o.tlsProvider());
      assertEquals("http/1.1", o.protocol());
      assertTrue(o.tlsVersion().startsWith("TLSv1."), o.tlsVersion());
      assertTrue(o.verified());
    }
  }

  @Test
  void theDefaultTrustRefusesAnUnknownCaAndSaysSo() throws Exception {
    try (TargetServer target = TargetServer.builder().tls(bundle.server()).start()) {
      String m = refusal(plan(target.url(), null));
      assertTrue(
          m.startsWith(
              "cannot connect to "
                  + target.url()
                  + " (scenario s): the server's"
                  + " certificate is not trusted: give the CA that issued it with target.tls.ca"),
          m);
      assertTrue(refusal(plan(target.url(), "{ca: other-ca.pem}")).contains("is not trusted"));
      assertEquals(0, target.requests(), "nothing was sent");
    }
  }

  @Test
  void insecureSkipsVerificationAndSaysSo() throws Exception {
    try (TargetServer target = TargetServer.builder().tls(bundle.expiredServer()).start()) {
      assertTrue(
          refusal(plan(target.url(), "{ca: ca.pem}"))
              .contains("the server's certificate has expired"));
      EngineResult r = run(plan(target.url(), "{insecure: true}"));
      assertEquals(0, r.scenarios().get("s").total().errors());
      assertFalse(r.origins().get(0).verified());
    }
  }

  @Test
  void aCertificateForAnotherNameIsRefused() throws Exception {
    // The server certificate names localhost and 127.0.0.1, not 127.0.0.2.
    try (TargetServer target =
        TargetServer.builder().host("127.0.0.2").tls(bundle.server()).start()) {
      String m = refusal(plan(target.url(), "{ca: ca.pem}"));
      assertTrue(m.contains("the server's certificate does not name 127.0.0.2"), m);
    }
  }

  @Test
  void clientCertificatesFromPemOrPkcs12() throws Exception {
    try (TargetServer target =
        TargetServer.builder().tls(bundle.server()).clientAuth(true, bundle.ca()).start()) {
      String m = refusal(plan(target.url(), "{ca: ca.pem}"));
      assertTrue(m.contains("it may require a client certificate"), m);
      EngineResult pem =
          run(plan(target.url(), "{ca: ca.pem, clientCert: client.pem, clientKey: client.key}"));
      assertEquals(200, pem.scenarios().get("s").total().requests());
      assertEquals(0, pem.scenarios().get("s").total().errors());
      EngineResult p12 =
          run(
              plan(
                  target.url(),
                  "{ca: ca.pem, clientKeystore: client.p12, clientKeystorePassword: changeit}"));
      assertEquals(0, p12.scenarios().get("s").total().errors());
      assertEquals(400, target.requests());
    }
  }

  @Test
  void anHttpServerOnAnHttpsUrlIsNamed() throws Exception {
    try (TargetServer target = TargetServer.start(0, 1)) {
      String m = refusal(plan(target.url().replace("http:", "https:"), "{ca: ca.pem}"));
      assertTrue(m.contains("does not speak TLS"), m);
    }
  }
}
