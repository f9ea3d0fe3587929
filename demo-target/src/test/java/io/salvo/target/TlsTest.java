package io.salvo.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.target.tls.Certificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS, ALPN, HTTP/2 over TLS and client certificates, seen by the JDK's HttpClient. */
@Timeout(60)
class TlsTest {
  @TempDir static Path dir;
  static Certificates.Bundle certs;

  private TargetServer target;

  @BeforeAll
  static void certificates() throws IOException {
    certs = Certificates.generate(dir);
  }

  @AfterEach
  void stop() {
    if (target != null) {
      target.close();
    }
  }

  private static HttpClient client(SSLContext tls, HttpClient.Version version) {
    return HttpClient.newBuilder()
        .sslContext(tls)
        .version(version)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(target.url() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void httpsWithoutHttp2AnswersHttp11EvenToAnHttp2Client() throws Exception {
    target = TargetServer.builder().tls(certs.server()).start();
    assertEquals("https://127.0.0.1:" + target.port(), target.url());
    HttpResponse<String> res =
        get(client(TestTls.trusting(certs.ca()), HttpClient.Version.HTTP_2), "/status/202");
    assertEquals(202, res.statusCode());
    assertEquals(HttpClient.Version.HTTP_1_1, res.version());
    assertEquals(1, target.requests(TargetServer.HTTP_1_1));
    assertEquals(0, target.requests(TargetServer.H2));
  }

  @Test
  void http2IsNegotiatedByAlpnAndHttp11StillServed() throws Exception {
    target = TargetServer.builder().tls(certs.server()).http2(true).start();
    SSLContext tls = TestTls.trusting(certs.ca());
    HttpResponse<String> h2 = get(client(tls, HttpClient.Version.HTTP_2), "/bytes/5000");
    assertEquals(HttpClient.Version.HTTP_2, h2.version());
    assertEquals(5000, h2.body().length());
    HttpResponse<String> h1 = get(client(tls, HttpClient.Version.HTTP_1_1), "/status/404");
    assertEquals(HttpClient.Version.HTTP_1_1, h1.version());
    assertEquals(404, h1.statusCode());
    assertEquals(1, target.requests(TargetServer.H2));
    assertEquals(1, target.requests(TargetServer.HTTP_1_1));
    assertEquals(2, target.requests());
    assertEquals(1, target.status(2));
    assertEquals(1, target.status(4));
    assertEquals(1, target.maxConcurrentStreamsSeen());
  }

  @Test
  void http2DelaysAndPausesDoNotBlockOtherStreams() throws Exception {
    target = TargetServer.builder().tls(certs.server()).http2(true).start();
    HttpClient client = client(TestTls.trusting(certs.ca()), HttpClient.Version.HTTP_2);
    assertEquals(HttpClient.Version.HTTP_2, get(client, "/").version());
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<String>> delayed =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create(target.url() + "/delay/1000")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> stats = get(client, "/__salvo/stats");
    assertEquals(HttpClient.Version.HTTP_2, stats.version());
    assertFalse(delayed.isDone(), "the stats answered while the delayed stream waits");
    assertEquals(200, delayed.get(10, TimeUnit.SECONDS).statusCode());
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1000));
    assertEquals(2, target.requests(TargetServer.H2));
    assertEquals(1, target.connections(), "one HTTP/2 connection carried every stream");
  }

  @Test
  void theStreamLimitIsAnnouncedOverTlsAndTheMostOpenStreamsCounted() throws Exception {
    target = TargetServer.builder().tls(certs.server()).http2(true).maxConcurrentStreams(2).start();
    HttpClient client = client(TestTls.trusting(certs.ca()), HttpClient.Version.HTTP_2);
    assertEquals(HttpClient.Version.HTTP_2, get(client, "/").version());
    // JDK 17's client fails a request past the server's limit ("too many concurrent streams")
    // instead of queueing it, so this sends exactly the limit; H2Client goes past it.
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      all.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(target.url() + "/delay/300")).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> f : all) {
      assertEquals(200, f.get(10, TimeUnit.SECONDS).statusCode());
    }
    assertEquals(3, target.requests(TargetServer.H2));
    assertEquals(2, target.maxConcurrentStreamsSeen());
    assertEquals(1, target.connections());
  }

  @Test
  void aClientTrustingAnotherCaRefusesTheServer() throws Exception {
    target = TargetServer.builder().tls(certs.server()).start();
    HttpClient client = client(TestTls.trusting(certs.otherCa()), HttpClient.Version.HTTP_1_1);
    assertThrows(IOException.class, () -> get(client, "/"));
    assertEquals(0, target.requests());
    assertEquals(1, target.connections());
  }

  @Test
  void anExpiredServerCertificateIsRefused() throws Exception {
    target = TargetServer.builder().tls(certs.expiredServer()).start();
    HttpClient client = client(TestTls.trusting(certs.ca()), HttpClient.Version.HTTP_1_1);
    IOException e = assertThrows(IOException.class, () -> get(client, "/"));
    // The JDK's PKIX checker says so of a certificate outside its validity period.
    assertTrue(e.getMessage().contains("validity check failed"), e.toString());
  }

  @Test
  void requiredClientCertificatesAdmitOnlyClientsThatHaveOne() throws Exception {
    target =
        TargetServer.builder().tls(certs.server()).clientAuth(true, certs.ca()).http2(true).start();
    for (HttpClient.Version v : HttpClient.Version.values()) {
      HttpClient with = client(TestTls.withClientCert(certs.ca(), certs.clientP12()), v);
      HttpResponse<String> res = get(with, "/");
      assertEquals(200, res.statusCode());
      assertEquals(v, res.version());
      HttpClient without = client(TestTls.trusting(certs.ca()), v);
      assertThrows(IOException.class, () -> get(without, "/"));
    }
    assertEquals(2, target.requests());
    assertEquals(1, target.requests(TargetServer.H2));
  }

  @Test
  void clientAuthNeedsTlsAndRequiringItNeedsACa() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TargetServer.builder().clientAuth(true, certs.ca()).start());
    assertThrows(
        IllegalArgumentException.class,
        () -> TargetServer.builder().tls(certs.server()).clientAuth(true, null).start());
    assertThrows(
        IOException.class,
        () ->
            TargetServer.builder()
                .tls(certs.client())
                .clientAuth(false, dir.resolve("none.pem"))
                .start());
  }
}
