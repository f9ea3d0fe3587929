package io.salvo.plan.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.plan.BodyCheck;
import io.salvo.plan.Extractor;
import io.salvo.plan.Feeder;
import io.salvo.plan.HttpProtocol;
import io.salvo.plan.HttpStep;
import io.salvo.plan.Plan;
import io.salvo.plan.PlanResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan fields of HTTPS, HTTP/2 and sessions that carry data: each is read, written back, and
 * refused with file, line, column, field and rule when wrong, before any load.
 *
 * <p>{@code src/test/resources/tls} holds fixtures made once with openssl: a CA (valid for 100
 * years), a client certificate it signed with its PKCS#8 key, the same key as PKCS#1, the pair as
 * PKCS#12 (password changeit), and an unrelated key.
 */
class SessionPlanTest {
  private static final Path SHOP = Path.of("src/test/resources/plans/shop/shop.yaml");
  private static final Path TLS = Path.of("src/test/resources/tls").toAbsolutePath();

  @Test
  void readsFeedersExtractionChecksTemplatesTlsAndHttpVersions() throws Exception {
    Plan plan = PlanParser.parse(SHOP);

    assertEquals(HttpProtocol.AUTO, plan.target().http());
    assertEquals(50, plan.target().maxStreams());
    assertTrue(plan.target().cookies());
    assertEquals(List.of("TLSv1.3"), plan.target().tls().versions());
    assertEquals(1, plan.target().tls().caCertificates().size());
    assertTrue(plan.target().tls().hasClientCertificate());

    Feeder users = plan.feeder("users");
    assertEquals(Feeder.Strategy.UNIQUE, users.strategy());
    assertEquals(List.of("user", "password"), users.columns());
    assertEquals(
        List.of(
            List.of("alice", "pw-alice"),
            List.of("bob, jr.", "pw-bob"),
            List.of("carol", "pw-\"carol\"")),
        users.rows());
    Feeder products = plan.feeder("products");
    assertEquals(List.of("productId", "quantity"), products.columns());
    assertEquals(3, products.rows().size(), "the blank line is skipped");
    assertEquals(List.of("7", "1"), products.rows().get(1));
    assertEquals(List.of(List.of("SAVE10"), List.of("SAVE20")), plan.feeder("coupons").rows());
    assertEquals(Feeder.Strategy.CIRCULAR, plan.feeder("coupons").strategy());

    HttpStep login = plan.scenarios().get(0).requests().get(0);
    assertEquals(
        List.of(
            new Extractor("token", Extractor.Kind.JSON, "/token", 0, true),
            new Extractor("who", Extractor.Kind.JSON_PATH, "$.user", 0, true),
            new Extractor("cart", Extractor.Kind.COOKIE, "cart", 0, true),
            new Extractor("server", Extractor.Kind.HEADER, "Server", 0, false)),
        login.extract());
    HttpStep products2 = plan.scenarios().get(0).requests().get(1);
    assertEquals(HttpProtocol.HTTP_2, products2.http());
    assertEquals(1, products2.extract().get(0).group(), "a regex with a group takes group 1");
    assertEquals(
        new BodyCheck(BodyCheck.Kind.JSON_PATH, "$.products[0].id", "${first}"),
        products2.checks().get(1));
    assertEquals("json $.products[0].id == '${first}'", products2.checks().get(1).label());
    assertEquals(
        "/api/products?page=${random.int(1,3)}&trace=${uuid}",
        products2.requestTarget(plan.target()));
    assertEquals("https://127.0.0.1:8443", products2.origin(plan.target()).toString());
  }

  @Test
  void aWrittenPlanCarriesItsFilesAndReadsBackEqualWithoutThem() throws Exception {
    Plan plan = PlanParser.parse(SHOP);
    String yaml = PlanWriter.yaml(plan);
    assertFalse(yaml.contains("file: users.csv"), "files travel inside the plan, not as paths");
    assertTrue(yaml.contains("bob, jr."), yaml);
    assertEquals(plan, PlanParser.parse("written.yaml", yaml, PlanFormat.YAML));
    assertEquals(plan, PlanParser.parse("written.json", PlanWriter.json(plan), PlanFormat.JSON));
  }

  @Test
  void aBinaryFileTravelsAsBase64() throws Exception {
    Plan plan =
        plan(
            "target:\n"
                + "  baseUrl: https://127.0.0.1:8443\n"
                + "  tls: {clientKeystore: client.p12, clientKeystorePassword: changeit}\n",
            "      - request: {path: /}\n",
            TLS);
    String yaml = PlanWriter.yaml(plan);
    assertTrue(yaml.contains("base64:"), yaml);
    assertEquals(plan, PlanParser.parse("written.yaml", yaml, PlanFormat.YAML));
  }

  // --- refusals: each names file, line, column, field and rule ---

  private static final String HEADER = "target: {baseUrl: http://127.0.0.1:8080}\n";

  /** A plan of one scenario {@code s} with the given steps, after {@code head}. */
  private static String text(String head, String steps) {
    return head
        + "scenarios:\n"
        + "  - name: s\n"
        + "    steps:\n"
        + steps
        + "    load:\n"
        + "      - constantRate: {rate: 1, duration: 1s}\n";
  }

  private static Plan plan(String head, String steps, Path dir) throws PlanException {
    return PlanParser.parse("p.yaml", text(head, steps), PlanFormat.YAML, dir);
  }

  private static String problem(String head, String steps, Path dir) {
    PlanException e = assertThrows(PlanException.class, () -> plan(head, steps, dir));
    return e.problems().stream().map(PlanProblem::toString).collect(Collectors.joining("\n"));
  }

  private static String problem(String head, String steps) {
    return problem(head, steps, TLS);
  }

  @Test
  void anUndefinedVariableIsNamedWithWhatIsDefined() {
    assertEquals(
        "p.yaml:10:36: scenarios[0].steps[1].request.headers.Authorization uses ${tokn}, which is"
            + " not defined; defined in scenario 's': token",
        problem(
            HEADER,
            "      - request:\n"
                + "          path: /login\n"
                + "          extract: [{name: token, json: /token}]\n"
                + "      - request:\n"
                + "          path: /cart\n"
                + "          headers: {Authorization: 'Bearer ${tokn}'}\n"));
  }

  @Test
  void aVariableUsedBeforeTheStepThatExtractsItIsRefused() {
    assertEquals(
        "p.yaml:6:17: scenarios[0].steps[0].request.path uses ${id}, which only steps[1]"
            + " extracts, a later step",
        problem(
            HEADER,
            "      - request:\n"
                + "          path: /orders/${id}\n"
                + "      - request:\n"
                + "          path: /new\n"
                + "          extract: [{name: id, json: /id}]\n"));
    assertTrue(
        problem(
                HEADER,
                "      - request:\n"
                    + "          path: /x?id=${id}\n"
                    + "          extract: [{name: id, json: /id}]\n")
            .contains("uses ${id}, which only steps[0] extracts (from this request's own"));
  }

  @Test
  void templateSyntax() {
    assertEquals(
        "p.yaml:6:17: scenarios[0].steps[0].request.path has a '${' at character 4 that is never"
            + " closed with '}' (write $${ for a literal ${)",
        problem(HEADER, "      - request:\n          path: /a/${id\n"));
    assertTrue(
        problem(HEADER, "      - request:\n          path: /a/${random.long}\n")
            .contains("has ${random.long}, which is not a built-in"));
    assertTrue(
        problem(HEADER, "      - request:\n          path: '/a/${random.int(5,1)}'\n")
            .contains("whose minimum is above its maximum"));
    assertTrue(
        problem(HEADER, "      - request:\n          url: 'http://${host}:8080/a'\n")
            .contains("must not use templates in its scheme, host or port"));
  }

  @Test
  void extractorAndCheckExpressions() {
    assertEquals(
        "p.yaml:7:37: scenarios[0].steps[0].request.extract[0].json must be a JSON pointer"
            + " starting with '/', such as /items/0/id, was 'token'",
        problem(HEADER, step("extract: [{name: t, json: token}]")));
    assertTrue(
        problem(HEADER, step("extract: [{name: t, jsonPath: '$..id'}]"))
            .contains("extract[0].jsonPath is not in Salvo's JSONPath subset at character 2"));
    assertTrue(
        problem(HEADER, step("extract: [{name: t, regex: 'id=(\\d+'}]"))
            .contains("extract[0].regex is not a valid regular expression"));
    assertTrue(
        problem(HEADER, step("extract: [{name: t, regex: 'id=(\\d+)', group: 2}]"))
            .contains("extract[0].group must be between 0 and 1"));
    assertTrue(
        problem(HEADER, step("extract: [{name: t}]")).contains("needs one of json, jsonPath"));
    assertTrue(
        problem(HEADER, step("extract: [{name: t, json: /a, header: X}]"))
            .contains("extract[0].header cannot go with json"));
    assertTrue(
        problem(HEADER, step("extract: [{name: 1t, json: /a}]"))
            .contains("extract[0].name must be a variable name"));
    assertTrue(
        problem(HEADER, step("checks: [{bodyMatches: '(('}]"))
            .contains("checks[0].bodyMatches is not a valid regular expression"));
    assertTrue(
        problem(HEADER, step("checks: [{bodyContains: x, equals: y}]"))
            .contains("checks[0].equals only applies to json and jsonPath checks"));
  }

  private static String step(String extra) {
    return "      - request:\n          path: /\n          " + extra + "\n";
  }

  @Test
  void feederFilesAreCheckedWhenThePlanLoads(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.csv"), "user,password\na,1\nb,2,3\n");
    String feeders = "feeders:\n  - {name: users, file: %s}\n";
    String feed = "      - request: {path: '/u/${user}'}\n";
    assertEquals(
        "p.yaml:3:25: feeders[0].file 'bad.csv' line 3 has 3 values, but its header row has 2"
            + " columns",
        problem(HEADER + feeders.formatted("bad.csv"), feed, dir).lines().findFirst().get());
    String missing = problem(HEADER + feeders.formatted("nope.csv"), feed, dir);
    assertTrue(
        missing.startsWith("p.yaml:3:25: feeders[0].file 'nope.csv' does not exist (looked for "),
        missing);
    Files.writeString(dir.resolve("bad.jsonl"), "{\"user\": \"a\"}\n{\"usr\": \"b\"}\n");
    assertTrue(
        problem(HEADER + feeders.formatted("bad.jsonl"), feed, dir)
            .contains("'bad.jsonl' line 2 has the keys [usr], but the first line has [user]"));
    Files.writeString(dir.resolve("bad.txt"), "user\na\n");
    assertTrue(
        problem(HEADER + feeders.formatted("bad.txt"), feed, dir)
            .contains("feeders[0].format is needed: 'bad.txt' ends in neither .csv nor .jsonl"));
    Files.writeString(dir.resolve("users.txt"), "user\nann\n");
    Plan withFormat =
        PlanParser.parse(
            "p.yaml",
            HEADER
                + "feeders:\n  - {name: users, file: users.txt, format: csv}\n"
                + "scenarios:\n  - name: s\n    feed: users\n    steps:\n"
                + feed
                + "    load: [{constantRate: {rate: 1, duration: 1s}}]\n",
            PlanFormat.YAML,
            dir);
    assertEquals(
        withFormat,
        PlanParser.parse("w.yaml", PlanWriter.yaml(withFormat), PlanFormat.YAML),
        "a feeder's format travels with the plan");
    Files.writeString(dir.resolve("uuid.csv"), "uuid\nx\n");
    assertTrue(
        problem(HEADER + feeders.formatted("uuid.csv"), feed, dir)
            .contains("column 'uuid' would hide the built-in ${uuid}"));
    Files.writeString(dir.resolve("empty.csv"), "user\n");
    assertTrue(
        problem(HEADER + feeders.formatted("empty.csv"), feed, dir)
            .contains("feeders[0].file 'empty.csv' has no rows"));
  }

  @Test
  void feedsMustNameFeedersAndAUniqueFeederServesOneScenario() {
    String head = HEADER + "feeders:\n  - {name: u, rows: [{user: a}], strategy: unique}\n";
    String two =
        head
            + "scenarios:\n"
            + "  - {name: a, feed: u, steps: [{request: {path: /}}],"
            + " load: [{constantRate: {rate: 1, duration: 1s}}]}\n"
            + "  - {name: b, feed: [u], steps: [{request: {path: /}}],"
            + " load: [{constantRate: {rate: 1, duration: 1s}}]}\n";
    PlanException e =
        assertThrows(PlanException.class, () -> PlanParser.parse("p.yaml", two, PlanFormat.YAML));
    assertTrue(
        e.getMessage()
            .contains(
                "scenarios[1].feed[0] feeder 'u' is unique, and scenario 'a' feeds from it too"),
        e.getMessage());
    String unknown =
        head.replace("name: u,", "name: users,")
            + "scenarios:\n"
            + "  - {name: a, feed: u, steps: [{request: {path: /}}],"
            + " load: [{constantRate: {rate: 1, duration: 1s}}]}\n";
    e =
        assertThrows(
            PlanException.class, () -> PlanParser.parse("p.yaml", unknown, PlanFormat.YAML));
    assertTrue(
        e.getMessage().contains("scenarios[0].feed[0] names no feeder of this plan: 'u'"),
        e.getMessage());
    assertTrue(
        problem(
                HEADER + "feeders:\n  - {name: u, rows: [{user: a}, {name: b}]}\n",
                "      - request: {path: /}\n")
            .contains("feeders[0].rows[1] has the columns [name], but the first row has [user]"));
    assertTrue(
        problem(
                HEADER + "feeders:\n  - {name: u, rows: [{user: a}], strategy: once}\n",
                "      - request: {path: /}\n")
            .contains("feeders[0].strategy must be one of sequential, circular, random, unique"));
  }

  @Test
  void tlsFilesAreCheckedWhenThePlanLoads() {
    String https = "target:\n  baseUrl: https://127.0.0.1:8443\n  tls: %s\n";
    String req = "      - request: {path: /}\n";
    assertEquals(
        "p.yaml:3:13: target.tls.ca 'client.key' is not a certificate: expected PEM text with"
            + " -----BEGIN CERTIFICATE----- blocks",
        problem(https.formatted("{ca: client.key}"), req));
    assertTrue(
        problem(https.formatted("{clientCert: client.pem, clientKey: other.key}"), req)
            .contains(
                "target.tls.clientKey 'other.key' is not the private key of the certificate"
                    + " in 'client.pem'"));
    assertTrue(
        problem(https.formatted("{clientCert: client.pem, clientKey: client-pkcs1.key}"), req)
            .contains("'client-pkcs1.key' is a RSA PRIVATE KEY (PKCS#1/SEC1); convert it"));
    assertTrue(
        problem(https.formatted("{clientCert: client.pem}"), req)
            .contains("target.tls.clientKey is required with clientCert"));
    assertTrue(
        problem(https.formatted("{clientKeystore: client.p12, clientKeystorePassword: wrong}"), req)
            .contains("target.tls.clientKeystore 'client.p12' cannot be opened as PKCS#12"));
    assertTrue(
        problem(https.formatted("{insecure: true, ca: ca.pem}"), req)
            .contains("target.tls.insecure skips verification, so 'ca' would not be used"));
    assertTrue(
        problem(https.formatted("{versions: [TLSv1.1]}"), req)
            .contains("target.tls.versions[0] must be TLSv1.2 or TLSv1.3, was 'TLSv1.1'"));
    assertEquals(
        "p.yaml:2:8: target.tls is set, but no request of this plan goes to an https:// URL",
        problem("target:\n  tls: {insecure: true}\n  baseUrl: http://127.0.0.1:8080\n", req));
  }

  @Test
  void aPlanThatWasNotReadFromAFileMustCarryItsFiles() throws Exception {
    String text =
        text(
            "target:\n  baseUrl: https://127.0.0.1:8443\n  tls: {ca: ca.pem}\n",
            "      - request: {path: /}\n");
    PlanException e =
        assertThrows(PlanException.class, () -> PlanParser.parse("api", text, PlanFormat.YAML));
    assertTrue(
        e.getMessage()
            .contains(
                "target.tls.ca refers to the file 'ca.pem', but this plan was not read from a"
                    + " file"),
        e.getMessage());
    String pem = Files.readString(TLS.resolve("ca.pem"));
    Plan inline =
        PlanParser.parse(
            "api",
            text(
                "target:\n  baseUrl: https://127.0.0.1:8443\n  tls:\n    ca:\n      name: ca.pem\n"
                    + "      inline: |\n"
                    + pem.indent(8),
                "      - request: {path: /}\n"),
            PlanFormat.YAML);
    assertEquals(PlanResource.ofText("ca.pem", pem), inline.target().tls().ca());
  }

  @Test
  void httpVersionsAndTheirSpelling() throws Exception {
    for (String v : List.of("auto", "1.1", "2", "'2'", "h2")) {
      Plan p = plan("target: {baseUrl: http://127.0.0.1:8080, http: " + v + "}\n", step(""), null);
      assertNotNull(p.target().http());
    }
    assertEquals(
        "p.yaml:1:48: target.http must be auto, 1.1 or 2, was '3'",
        problem("target: {baseUrl: http://127.0.0.1:8080, http: 3}\n", step("")));
    assertTrue(problem(HEADER, step("http: spdy")).contains("request.http must be auto, 1.1 or 2"));
    assertNull(plan(HEADER, step(""), null).scenarios().get(0).requests().get(0).http());
  }

  @Test
  void targetHeadersMayNotUseSessionVariables() {
    assertTrue(
        problem(
                "target: {baseUrl: http://127.0.0.1:8080, headers: {X-Trace: '${uuid}',"
                    + " Authorization: 'Bearer ${token}'}}\n",
                step(""))
            .contains(
                "target.headers.Authorization uses session variables, which the target's headers"
                    + " cannot"));
  }
}
