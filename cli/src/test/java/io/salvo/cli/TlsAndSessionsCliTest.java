package io.salvo.cli;

import static io.salvo.cli.CliTest.salvo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.target.TargetServer;
import io.salvo.target.tls.Certificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS, HTTP/2 and plans with files, through the salvo command, against a TLS target. */
class TlsAndSessionsCliTest {
  @TempDir static Path certs;
  private static Certificates.Bundle bundle;
  private static TargetServer target;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    bundle = Certificates.generate(certs);
    target = TargetServer.builder().tls(bundle.server()).http2(true).start();
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static void assertInvalid(CliTest.Outcome o, String message) {
    assertEquals(2, o.code(), o.toString());
    assertTrue(o.err().contains(message), "stderr names the problem: " + o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
  }

  private String[] quick(String... extra) {
    String[] base = {
      "run",
      "--url",
      target.url() + "/",
      "--rate",
      "50",
      "--duration",
      "1s",
      "--threads",
      "1",
      "--out",
      tmp.resolve("out").toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void httpsQuickModeVerifiesByDefaultTakesACaOrInsecure() throws Exception {
    assertInvalid(salvo(quick()), "the server's certificate is not trusted");

    CliTest.Outcome ca = salvo(quick("--ca", bundle.ca().toString()));
    assertEquals(0, ca.code(), ca.toString());
    assertTrue(ca.out().contains(target.url() + " speaks h2 over TLSv1."), ca.out());
    assertTrue(ca.out().contains("certificate verified"), ca.out());

    CliTest.Outcome insecure = salvo(quick("--insecure", "--http", "1.1"));
    assertEquals(0, insecure.code(), insecure.toString());
    assertTrue(insecure.out().contains("speaks http/1.1"), insecure.out());
    JsonNode report = new ObjectMapper().readTree(tmp.resolve("out/report.json").toFile());
    assertTrue(
        report.get("notes").toString().contains("TLS verification was off (insecure: true)"),
        report.toString());
    assertFalse(report.get("origins").get(0).get("verified").asBoolean());
    assertTrue(report.get("total").get("tlsHandshakes").asLong() >= 1);
  }

  @Test
  void tlsOptionsThatCannotApplyAreRefused() throws Exception {
    assertInvalid(
        salvo(
            "run", "--url", "http://127.0.0.1:1/", "--rate", "1", "--duration", "1s", "--insecure"),
        "--insecure, --ca, --cert, --key, --keystore and --tls-provider apply to https:// URLs");
    assertInvalid(
        salvo(quick("--ca", bundle.clientKey().toString())),
        "--ca 'client.key' is not a certificate");
    assertInvalid(salvo(quick("--ca", tmp.resolve("nope.pem").toString())), "does not exist");
    assertInvalid(salvo(quick("--insecure", "--http", "3")), "--http must be auto, 1.1 or 2");
    assertInvalid(
        salvo(quick("--cert", bundle.clientCert().toString())), "--key is required with --cert");
  }

  @Test
  void aPlanWithAFeederAndACaBesideIt() throws Exception {
    target.reset();
    Files.copy(bundle.ca(), tmp.resolve("ca.pem"));
    Files.writeString(tmp.resolve("users.csv"), "user,password\nann,pw-ann\nbob,pw-bob\n");
    Path plan = tmp.resolve("shop.yaml");
    Files.writeString(
        plan,
        "target: {baseUrl: \""
            + target.url()
            + "/api\", tls: {ca: ca.pem}}\n"
            + """
            feeders: [{name: users, file: users.csv, strategy: unique}]
            scenarios:
              - name: shop
                feed: users
                steps:
                  - request:
                      method: POST
                      path: /login
                      body: '{"user": "${user}", "password": "${password}"}'
                      extract: [{name: token, json: /token}]
                  - request:
                      path: /products
                      headers: {Authorization: "Bearer ${token}"}
                load: [{iterations: {users: 2, iterations: 1}}]
            """);
    CliTest.Outcome v = salvo("validate", plan.toString());
    assertEquals(0, v.code(), v.toString());
    assertTrue(v.out().contains("feeder users: 2 rows of user, password (unique)"), v.out());
    CliTest.Outcome o = salvo("run", plan.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(0, o.code(), o.toString());
    assertEquals(2, target.loginsByUser().size());
    assertEquals(0, target.unauthorized());

    Files.writeString(plan, Files.readString(plan).replace("Bearer ${token}", "Bearer ${tokn}"));
    assertInvalid(
        salvo("validate", plan.toString()),
        "shop.yaml:14:36: scenarios[0].steps[1].request.headers.Authorization uses ${tokn},"
            + " which is not defined; defined in scenario 'shop': user, password, token");
  }
}
