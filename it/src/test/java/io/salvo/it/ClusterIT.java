package io.salvo.it;

import static io.salvo.it.Clusters.agent;
import static io.salvo.it.Clusters.awaitEnd;
import static io.salvo.it.Clusters.ratePlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.Salvo;
import io.salvo.cli.client.ApiException;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.message.ClusterKeys;
import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.IntervalResult;
import io.salvo.message.MessageCodec;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.message.SignedMessages;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.stats.Histograms;
import io.salvo.stats.ScenarioStats;
import io.salvo.target.TargetServer;
import io.salvo.target.tls.Certificates;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Queue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator and three agent servers on 127.0.0.1 (two in cluster c1, groups g1 and g2, one in
 * cluster c2), the coordinator's embedded Artemis broker and H2, against a real HTTP target.
 */
class ClusterIT {
  private static final int OFFSET = 300;
  private static final String URL = "http://127.0.0.1:" + (LocalCluster.HTTP_BASE + OFFSET);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
  private static final Map<String, Integer> AGENT_PORTS =
      Map.of("a-g1", 8080 + OFFSET + 10, "a-g2", 8080 + OFFSET + 20, "a-c2", 8080 + OFFSET + 30);

  private static LocalCluster cluster;
  private static LocalCluster.NodeSpec coordinatorSpec;
  private static LocalCluster.Node coordinator;
  private static LocalCluster.Node agentC2;
  private static TargetServer target;
  private static CoordinatorClient api;

  @TempDir Path tmp;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = Clusters.cluster("cluster-it");
    cluster.stopAll();
    target = TargetServer.start(0, 2);
    coordinatorSpec =
        new LocalCluster.NodeSpec(
            "coordinator",
            "coordinator",
            OFFSET,
            Clusters.coordinator(cluster, Map.of(), "c1", "c2"));
    coordinator = cluster.start(coordinatorSpec);
    cluster.awaitHttp(URL + "/api/agents", Duration.ofSeconds(180), coordinator);
    int broker = LocalCluster.HTTP_BASE + OFFSET;
    cluster.start(
        new LocalCluster.NodeSpec(
            "a-g1", "agent", OFFSET + 10, agent(cluster, "a-g1", "c1", "g1", broker)));
    cluster.start(
        new LocalCluster.NodeSpec(
            "a-g2", "agent", OFFSET + 20, agent(cluster, "a-g2", "c1", "g2", broker)));
    // a-c2 admits 127.0.0.1 only, less than the coordinator's loopback (127.0.0.0/8), and reaches
    // the broker over TLS, through the coordinator's HTTPS port (which speaks nothing else).
    Map<String, String> c2 =
        new java.util.LinkedHashMap<>(
            agent(cluster, "a-c2", "c2", null, LocalCluster.HTTPS_BASE + OFFSET));
    c2.put("salvo.allowedTargets", "127.0.0.1");
    c2.putAll(cluster.coordinatorTrust());
    agentC2 = cluster.start(new LocalCluster.NodeSpec("a-c2", "agent-tls", OFFSET + 30, c2));
    Clusters.awaitAgentsReady(cluster, URL, 3, AGENT_PORTS.values());
    api = new CoordinatorClient(URL, null, Clusters.token());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Clusters.stop(cluster, target);
  }

  private static long seen(String agent) throws Exception {
    return Clusters.get("http://127.0.0.1:" + AGENT_PORTS.get(agent) + "/agent/api/status")
        .path("assignmentsSeen")
        .asLong();
  }

  /** POSTs a run of an inline plan on a cluster, for a test that reads the refusal. */
  private static Clusters.Reply postRun(String plan, String clusterId) throws Exception {
    return Clusters.post(
        URL + "/api/runs",
        "application/json",
        Clusters.JSON.createObjectNode().put("plan", plan).put("clusterId", clusterId).toString());
  }

  private static Report report(String id) {
    return ReportJson.read(api.reportJson(id));
  }

  @Test
  void aRunForOneGroupReachesOnlyThatGroupsAgent() throws Exception {
    long g1 = seen("a-g1");
    long g2 = seen("a-g2");
    long c2 = seen("a-c2");
    target.reset();
    JsonNode run = api.startRun(ratePlan(target.url(), 100, "2s"), "c1", "g1", 1, "30s");
    JsonNode end = awaitEnd(api, run.path("id").asText(), RUN_TIMEOUT);
    assertEquals("COMPLETED", end.path("state").asText(), end.toString());
    assertEquals(List.of("a-g1"), List.of(end.path("nodes").get(0).asText()));
    assertEquals(1, end.path("nodes").size());
    assertEquals(g1 + 1, seen("a-g1"), "the g1 agent received the assignment");
    assertEquals(g2, seen("a-g2"), "the g2 agent of the same cluster received nothing");
    assertEquals(c2, seen("a-c2"), "the c2 agent received nothing");
    Report r = report(run.path("id").asText());
    assertEquals(200, r.total().requests());
    assertEquals(200, target.requests());
    assertEquals(List.of("a-g1"), r.agents().stream().map(Report.AgentReport::id).toList());
  }

  @Test
  void aTwoAgentRunSplitsExactlyAndMergesExactly() throws Exception {
    target.reset();
    long c2 = seen("a-c2");
    JsonNode run = api.startRun(ratePlan(target.url(), 1000, "10s"), "c1", null, 2, "30s");
    String id = run.path("id").asText();
    // Meanwhile, the merged live statistics stream as server-sent events until the run ends.
    var events =
        Clusters.HTTP.sendAsync(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(URL + "/api/runs/" + id + "/stats/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + Clusters.token())
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofLines());
    JsonNode end = awaitEnd(api, id, RUN_TIMEOUT);
    assertEquals("COMPLETED", end.path("state").asText(), end.toString());
    assertEquals(c2, seen("a-c2"), "the c2 agent received nothing");

    Report r = report(id);
    Report.ScenarioReport s = r.scenarios().get(0);
    assertEquals("split", s.distribution());
    // 1000/s for 10 s: exactly 10,000 requests, 5,000 per agent, and what the target counted.
    assertEquals(10_000, s.figures().requests());
    assertEquals(10_000, target.requests());
    assertEquals(2, r.agents().size());
    long sum = 0;
    Histogram all = new Histogram(3);
    for (Report.AgentReport a : r.agents()) {
      assertEquals(5_000, a.figures().requests(), a.id());
      sum += a.figures().requests();
      all.add(Histograms.decode(a.figures().latencyHistogram()));
    }
    assertEquals(s.figures().requests(), sum);
    // The merged p99 is the p99 of one histogram holding every agent's samples.
    assertEquals(all.getValueAtPercentile(99) / 1000.0, s.figures().latencyMs().p99());
    assertEquals(all.getMaxValue() / 1000.0, s.figures().latencyMs().max());
    Histogram merged = Histograms.decode(s.figures().latencyHistogram());
    for (double p : new double[] {50, 90, 99, 99.9, 100}) {
      assertEquals(all.getValueAtPercentile(p), merged.getValueAtPercentile(p), "p" + p);
    }
    // The per-second series was merged from the agents' intervals and adds up to the total.
    assertEquals(10_000, r.timeline().stream().mapToLong(Report.TimelinePoint::requests).sum());
    assertNotNull(r.startSkewMs());
    assertTrue(r.startSkewMs() < 200, "start skew " + r.startSkewMs());
    assertEquals(1000.0, s.figures().throughput(), 1.0);

    List<String> lines = events.get(30, java.util.concurrent.TimeUnit.SECONDS).body().toList();
    List<String> names =
        lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
    assertTrue(
        names.stream().filter("stats"::equals).count() >= 5, "a stats event each second: " + names);
    assertEquals("end", names.get(names.size() - 1));
    JsonNode firstWithData =
        lines.stream()
            .filter(l -> l.startsWith("data:") && l.contains("\"last\":{"))
            .map(l -> Clusters.readJson(l.substring(5)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no merged second streamed: " + lines));
    assertTrue(firstWithData.path("last").path("requests").asLong() > 0);
  }

  @Test
  void loadGoesOnlyWhereTheAllowListsAdmit() throws Exception {
    int runsBefore = Clusters.get(URL + "/api/runs?limit=1000").size();
    // The coordinator admits loopback only (its default): a private address is refused with 403
    // naming the host, and nothing is stored.
    Clusters.Reply refused = postRun(ratePlan("http://10.255.0.1:8080", 10, "1s"), "c2");
    assertEquals(403, refused.status(), refused.body().toString());
    assertEquals("target", refused.body().path("field").asText());
    assertEquals(
        "target host 10.255.0.1 (port 8080) is not in the target allow-list (loopback); nothing"
            + " was started (salvo.allowedTargets)",
        refused.body().path("detail").asText());
    assertEquals(runsBefore, Clusters.get(URL + "/api/runs?limit=1000").size());
    // The coordinator admits 127.0.0.2; agent a-c2 does not, and refuses before any load (a node
    // that tried would report that it cannot connect: nothing listens there).
    long c2 = seen("a-c2");
    JsonNode run = api.startRun(ratePlan("http://127.0.0.2:9", 10, "1s"), "c2", null, 1, "30s");
    JsonNode end = awaitEnd(api, run.path("id").asText(), RUN_TIMEOUT);
    assertEquals("FAILED", end.path("state").asText(), end.toString());
    assertEquals(
        "node a-c2 could not run: target host 127.0.0.2 (port 9) is not in the target allow-list"
            + " (127.0.0.1)",
        end.path("message").asText());
    assertEquals(c2 + 1, seen("a-c2"), "a-c2 received the assignment");
  }

  /**
   * What a holder of the broker password, without the cluster's key, could send: results for a run
   * in progress (unsigned, signed with another key, altered after signing, an old message sent
   * again), each claiming 1,000 requests of agent a-g1, and an assignment to cluster c2's agent.
   */
  @Test
  void forgedAlteredReplayedAndUnsignedMessagesAreRefusedAndCounted() throws Exception {
    target.reset();
    String id = Clusters.startAndAwaitLoad(api, ratePlan(target.url(), 200, "6s"), "c1", 1);
    ScenarioStats stats = new ScenarioStats("load", List.of("GET /"));
    for (int i = 0; i < 1_000; i++) {
      stats.step("GET /").recordResponse(1_000_000, 200, true, 100);
    }
    IntervalResult claim =
        new IntervalResult(
            ClusterMessage.VERSION, "c1", "a-g1", id, 2, List.of(ScenarioSnapshot.of(stats)));
    Path keys = cluster.signingKeys();
    Path otherKeys = Files.createDirectories(tmp.resolve("other-keys"));
    ClusterKeys.generate(otherKeys, "c1");
    SignedMessages.Sealed genuine =
        new SignedMessages(ClusterKeys.directory(keys), 1_000).seal(claim);
    SignedMessages.Sealed foreign =
        new SignedMessages(ClusterKeys.directory(otherKeys)).seal(claim);
    IntervalResult altered =
        new IntervalResult(
            ClusterMessage.VERSION, "c1", "a-g1", id, 3, List.of(ScenarioSnapshot.of(stats)));
    // As c1's agents' broker user, which may send results.
    try (ActiveMQConnectionFactory cf = brokerClient("c1");
        JMSContext jms = cf.createContext()) {
      Queue results = jms.createQueue(Destinations.RESULTS);
      jms.createProducer().send(results, MessageCodec.encode(claim));
      signed(jms, foreign).send(results, foreign.body());
      signed(jms, genuine).send(results, MessageCodec.encode(altered));
      // Numbered 1,001: far older than a-g1's own messages, as a recorded one sent again is.
      signed(jms, genuine).send(results, genuine.body());

      // Assignments only the coordinator sends (in-VM): an agent's user may not.
      assertThrows(
          JMSSecurityRuntimeException.class,
          () -> jms.createProducer().send(jms.createTopic(Destinations.assignments("c1")), "{}"));
    }

    JsonNode end = awaitEnd(api, id, RUN_TIMEOUT);
    assertEquals("COMPLETED", end.path("state").asText(), end.toString());
    assertEquals(4, end.path("rejectedMessages").asLong(), end.toString());
    // 200/s for 6 s: none of the 4,000 claimed requests counted.
    assertEquals(1_200, report(id).scenarios().get(0).figures().requests());
    assertEquals(1_200, target.requests());
    String coordinatorLog = Files.readString(coordinator.dir().resolve("log/server.log"));
    for (String why :
        List.of(
            "the message is not signed",
            "the signature does not match (forged, altered, or signed with another key)",
            "sequence number 1001 was seen before or is older than the sender's last 8192 (a"
                + " replayed message)")) {
      assertTrue(
          coordinatorLog.contains(
              "refused a message of type interval from node a-g1 of cluster c1, run "
                  + id
                  + ": "
                  + why),
          why);
    }
  }

  /**
   * The coordinator serves HTTPS with the cluster's own certificate; the CLI verifies it: it talks
   * when it trusts that certificate, and refuses, saying so, when it does not.
   */
  @Test
  void theCliSpeaksHttpsToTheCoordinatorAndVerifiesItsCertificate() throws Exception {
    String https = "https://127.0.0.1:" + (LocalCluster.HTTPS_BASE + OFFSET);
    Path pem = cluster.coordinatorCertificate();
    assertTrue(Files.readString(pem).contains("BEGIN CERTIFICATE"));
    String[] ok =
        cli(
            "",
            "agents",
            "--coordinator",
            https,
            "--coordinator-ca",
            pem.toString(),
            "--token",
            Clusters.token());
    assertEquals("0", ok[0], ok[1] + ok[2]);
    assertTrue(ok[1].contains("a-c2"), ok[1]);

    // Without this cluster's token: refused, and told how to give one.
    String[] unauthenticated =
        cli(
            "",
            "agents",
            "--coordinator",
            https,
            "--coordinator-ca",
            pem.toString(),
            "--token",
            "x");
    assertTrue(!unauthenticated[0].equals("0"));
    assertTrue(unauthenticated[2].contains("the API token is not valid"), unauthenticated[2]);

    Certificates.Bundle other = Certificates.generate(tmp.resolve("other-ca"));
    String[] refused =
        cli("", "agents", "--coordinator", https, "--coordinator-ca", other.ca().toString());
    assertTrue(!refused[0].equals("0"), refused[1] + refused[2]);
    assertTrue(
        refused[2].contains(
            "the coordinator at "
                + https
                + " has a certificate that is not trusted ("
                + other.ca()
                + ")"),
        refused[2]);
  }

  /** A JMS client of the coordinator's embedded broker, as {@code clusterId}'s agents' user. */
  private static ActiveMQConnectionFactory brokerClient(String clusterId) {
    Map<String, String> user = cluster.brokerUser(clusterId);
    return brokerClient(user.get("salvo.broker.user"), user.get("salvo.broker.password"));
  }

  private static ActiveMQConnectionFactory brokerClient(String user, String password) {
    return new ActiveMQConnectionFactory(
        "tcp://127.0.0.1:"
            + (LocalCluster.HTTP_BASE + OFFSET)
            + "?httpUpgradeEnabled=true&enable1xPrefixes=true",
        user,
        password);
  }

  /**
   * Each cluster's agents have a broker user of their own, and the broker lets it read its own
   * cluster's assignments only: c2's user may subscribe to c2's topic, and the broker refuses it
   * c1's topic (without any selector) and a wildcard over every cluster's.
   */
  @Test
  void aClusterBrokerUserReadsItsOwnClustersAssignmentsOnly() throws Exception {
    try (ActiveMQConnectionFactory cf = brokerClient("c2");
        JMSContext jms = cf.createContext()) {
      try (JMSConsumer own = jms.createConsumer(jms.createTopic(Destinations.assignments("c2")))) {
        // The path works: c2's subscription receives what the coordinator publishes to c2.
        long before = seen("a-c2");
        JsonNode run = api.startRun(ratePlan(target.url(), 10, "1s"), "c2", null, 1, "30s");
        String runId = run.path("id").asText();
        jakarta.jms.Message m;
        do {
          m = own.receive(20_000);
          assertNotNull(m, "c2's user receives c2's assignment");
        } while (!"assignment".equals(m.getStringProperty(Destinations.TYPE)));
        assertEquals(runId, m.getStringProperty(Destinations.RUN_ID));
        awaitEnd(api, runId, RUN_TIMEOUT);
        assertTrue(seen("a-c2") > before);
      }
      for (String address :
          List.of(Destinations.assignments("c1"), Destinations.ASSIGNMENTS + ".#")) {
        JMSSecurityRuntimeException refused =
            assertThrows(
                JMSSecurityRuntimeException.class,
                () -> jms.createConsumer(jms.createTopic(address)),
                address);
        assertTrue(refused.getMessage().contains("permission"), refused.getMessage());
      }
      // Nor may it read the results of any cluster.
      assertThrows(
          JMSSecurityRuntimeException.class,
          () -> jms.createConsumer(jms.createQueue(Destinations.RESULTS)));
    }
    // A user that is not one of the broker's gets no connection at all.
    try (ActiveMQConnectionFactory cf = brokerClient("salvo-agent-c2", "not its password")) {
      assertThrows(JMSSecurityRuntimeException.class, cf::createContext);
    }
  }

  /** Passwords reach the servers in files only their owner reads, not on command lines (ps). */
  @Test
  void noServerHasAPasswordOnItsCommandLine() throws Exception {
    String password = cluster.brokerUser("c2").get("salvo.broker.password");
    assertTrue(password.length() >= 16, "a generated broker password");
    // The agents joined with it (startCluster waited for them), so the servers read it.
    for (LocalCluster.Node n : List.of(coordinator, agentC2)) {
      String cmdline =
          Files.readString(Path.of("/proc/" + n.pid() + "/cmdline")).replace('\0', ' ');
      assertTrue(cmdline.contains(" -P "), cmdline);
      assertFalse(cmdline.contains(password), n.name() + "'s command line holds the password");
      assertFalse(cmdline.contains("salvo.broker.password"), cmdline);
    }
  }

  private static JMSProducer signed(JMSContext jms, SignedMessages.Sealed s) {
    return jms.createProducer()
        .setProperty(SignedMessages.SEQUENCE, s.sequence())
        .setProperty(SignedMessages.SIGNATURE, s.signature());
  }

  @Test
  void tooFewAgentsFailsTheRunWithAClearMessage() throws Exception {
    JsonNode run = api.startRun(ratePlan(target.url(), 10, "1s"), "c1", null, 3, "2s");
    JsonNode end = awaitEnd(api, run.path("id").asText(), RUN_TIMEOUT);
    assertEquals("FAILED", end.path("state").asText());
    assertEquals(
        "waiting for 3 agents in cluster c1 timed out after 2s: 2 joined: a-g1, a-g2",
        end.path("message").asText());
    JsonNode group = api.startRun(ratePlan(target.url(), 10, "1s"), "c1", "g9", 1, "1s");
    assertEquals(
        "waiting for 1 agent in cluster c1, group g9 timed out after 1s: 0 joined",
        awaitEnd(api, group.path("id").asText(), RUN_TIMEOUT).path("message").asText());
  }

  @Test
  void invalidInputIsRefusedWithA4xxNamingTheFieldAndStartsNothing() throws Exception {
    int runsBefore = Clusters.get(URL + "/api/runs?limit=1000").size();
    String bad =
        "target: {baseUrl: \""
            + target.url()
            + "\"}\nscenarios:\n  - name: s\n    steps: [{request: {path: /}}]\n"
            + "    load: [{constantRate: {rate: -5, duration: 1s}}]\n";
    Clusters.Reply r =
        Clusters.post(
            URL + "/api/runs",
            "application/json",
            Clusters.JSON.createObjectNode().put("plan", bad).toString());
    assertEquals(400, r.status());
    assertEquals("scenarios[0].load[0].constantRate.rate", r.body().path("field").asText());
    assertEquals(
        "plan:5:34: scenarios[0].load[0].constantRate.rate must be > 0, was -5",
        r.body().path("problems").get(0).path("text").asText());

    Clusters.Reply yaml =
        Clusters.post(URL + "/api/plans", "application/yaml", "target: [\nscenarios: x\n");
    assertEquals(400, yaml.status());
    assertTrue(
        yaml.body().path("detail").asText().contains("malformed YAML"), yaml.body().toString());
    assertTrue(yaml.body().path("problems").get(0).path("line").asInt() > 0);

    Clusters.Reply zero =
        Clusters.post(
            URL + "/api/runs",
            "application/json",
            Clusters.JSON
                .createObjectNode()
                .put("plan", ratePlan(target.url(), 1, "1s"))
                .put("agentsCount", 0)
                .toString());
    assertEquals(400, zero.status());
    assertEquals("agentsCount", zero.body().path("field").asText());
    assertEquals("agentsCount must be > 0, was 0", zero.body().path("detail").asText());

    // A cluster without a signing key: its agents could not trust the assignments.
    Clusters.Reply keyless = postRun(ratePlan(target.url(), 1, "1s"), "keyless");
    assertEquals(400, keyless.status(), keyless.body().toString());
    assertEquals("clusterId", keyless.body().path("field").asText());
    assertEquals(
        "cluster keyless has no signing key (keyless.key in "
            + cluster.signingKeys()
            + "), so its agents could not trust its assignments; nothing was started",
        keyless.body().path("detail").asText());

    Clusters.Reply unknown =
        Clusters.post(URL + "/api/runs", "application/json", "{\"plann\": \"x\"}");
    assertEquals(400, unknown.status());
    assertEquals("plann", unknown.body().path("field").asText());

    Clusters.Reply broken = Clusters.post(URL + "/api/runs", "application/json", "{\"plan\": ");
    assertEquals(400, broken.status());

    // The coordinator never reads a file a plan names: the plan must carry it (salvo start does).
    String withFile =
        "target: {baseUrl: \""
            + target.url()
            + "\"}\nfeeders: [{name: u, file: users.csv}]\nscenarios:\n  - name: s\n"
            + "    feed: u\n    steps: [{request: {path: '/${user}'}}]\n"
            + "    load: [{constantRate: {rate: 1, duration: 1s}}]\n";
    Clusters.Reply file =
        Clusters.post(
            URL + "/api/runs",
            "application/json",
            Clusters.JSON.createObjectNode().put("plan", withFile).toString());
    assertEquals(400, file.status());
    assertEquals("feeders[0].file", file.body().path("field").asText());
    Clusters.Reply undefined =
        Clusters.post(
            URL + "/api/runs",
            "application/json",
            Clusters.JSON
                .createObjectNode()
                .put("plan", ratePlan(target.url(), 1, "1s").replace("path: /", "path: '/${who}'"))
                .toString());
    assertEquals(400, undefined.status(), undefined.body().toString());
    assertTrue(
        undefined.body().path("detail").asText().contains("uses ${who}, which is not defined"),
        undefined.body().toString());
    assertTrue(
        file.body()
            .path("detail")
            .asText()
            .contains("refers to the file 'users.csv', but this plan was not read from a file"),
        file.body().toString());

    ApiException missing =
        org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> api.run("nope"));
    assertEquals(404, missing.status());

    assertEquals(
        runsBefore, Clusters.get(URL + "/api/runs?limit=1000").size(), "no run was created");
    assertTrue(Clusters.get(URL + "/api/agents").size() == 3);
  }

  /** Runs the CLI with {@code stdin}; its exit code, standard output and standard error. */
  private static String[] cli(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    java.io.InputStream in = System.in;
    System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      int code =
          Salvo.execute(
              args,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      return new String[] {
        Integer.toString(code),
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)
      };
    } finally {
      System.setIn(in);
    }
  }

  @Test
  void anAdminManagesTokensAndUsersWithTheCli() throws Exception {
    String admin = Clusters.token();
    String[] created =
        cli(
            "",
            "tokens",
            "create",
            "it-ci",
            "--role",
            "viewer",
            "--coordinator",
            URL,
            "--token",
            admin);
    assertEquals("0", created[0], created[1] + created[2]);
    String viewer = created[1].trim();
    assertTrue(viewer.startsWith("salvo_"), created[1]);
    assertTrue(created[2].contains("it cannot be shown again"), created[2]);

    String[] agents = cli("", "agents", "--coordinator", URL, "--token", viewer);
    assertEquals("0", agents[0], agents[1] + agents[2]);
    assertTrue(agents[1].contains("a-c2"), agents[1]);
    // A viewer may not start a run: refused before anything is stored, naming the role.
    String[] start =
        cli(
            "",
            "start",
            "--coordinator",
            URL,
            "--token",
            viewer,
            "--agents",
            "1",
            "--url",
            target.url(),
            "--rate",
            "1",
            "--duration",
            "1s");
    assertTrue(!start[0].equals("0"), start[1] + start[2]);
    assertTrue(start[2].contains("needs the role operator"), start[2]);

    String[] allow = cli("", "allowed-targets", "--coordinator", URL, "--token", viewer);
    assertEquals("0", allow[0], allow[1] + allow[2]);
    assertTrue(allow[1].startsWith("runs may send load to: "), allow[1]);
    String[] widen = cli("", "allowed-targets", "*", "--coordinator", URL, "--token", viewer);
    assertTrue(widen[2].contains("needs the role admin"), widen[2]);

    String[] list = cli("", "tokens", "list", "--coordinator", URL, "--token", admin);
    assertEquals("0", list[0], list[1] + list[2]);
    String id =
        list[1]
            .lines()
            .filter(l -> l.contains(" it-ci "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(list[1]))
            .split("\\s+")[0];
    assertFalse(list[1].contains(viewer), "the secret is never listed");
    assertEquals("0", cli("", "tokens", "revoke", id, "--coordinator", URL, "--token", admin)[0]);
    String[] revoked = cli("", "agents", "--coordinator", URL, "--token", viewer);
    assertTrue(revoked[2].contains("the API token is not valid"), revoked[2]);

    // A user, with the password on standard input, never on the command line.
    String[] user =
        cli(
            "a long passphrase\n",
            "users",
            "set",
            "it-ana",
            "--role",
            "operator",
            "--coordinator",
            URL,
            "--token",
            admin);
    assertEquals("0", user[0], user[1] + user[2]);
    assertTrue(user[1].contains("it-ana is operator"), user[1]);
    JsonNode me =
        Clusters.readJson(
            Clusters.HTTP
                .send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(URL + "/api/whoami"))
                        .header(
                            "Authorization",
                            "Basic "
                                + java.util.Base64.getEncoder()
                                    .encodeToString(
                                        "it-ana:a long passphrase"
                                            .getBytes(StandardCharsets.UTF_8)))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body());
    assertEquals("operator", me.path("role").asText(), me.toString());
    String[] short_ =
        cli(
            "short\n",
            "users",
            "set",
            "it-bo",
            "--role",
            "viewer",
            "--coordinator",
            URL,
            "--token",
            admin);
    assertTrue(short_[2].contains("password must have at least 12 characters"), short_[2]);
    String[] users = cli("", "users", "list", "--coordinator", URL, "--token", admin);
    assertTrue(users[1].contains("it-ana") && !users[1].contains("it-bo"), users[1]);
    assertEquals(
        "0", cli("", "users", "delete", "it-ana", "--coordinator", URL, "--token", admin)[0]);
  }

  @Test
  void theCliStartsFollowsAndFetchesAMergedReport() throws Exception {
    target.reset();
    Path out = tmp.resolve("report");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code =
        Salvo.execute(
            new String[] {
              "start",
              "--coordinator",
              URL,
              "--token",
              Clusters.token(),
              "--cluster-id",
              "c1",
              "--agents",
              "2",
              "--url",
              target.url() + "/",
              "--rate",
              "200",
              "--duration",
              "2s",
              "--threshold",
              "errorRate < 1%",
              "--wait",
              "--out",
              out.toString()
            },
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    String printed = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed + stderr);
    assertTrue(printed.contains("RESULT: PASSED"), printed);
    assertTrue(printed.contains("start skew between nodes"), printed);
    Report r = ReportJson.read(Files.readString(out.resolve("report.json")));
    assertEquals(400, r.total().requests());
    assertEquals(400, target.requests());
    assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));

    int invalid =
        Salvo.execute(
            new String[] {
              "start",
              "--coordinator",
              URL,
              "--token",
              Clusters.token(),
              "--agents",
              "0",
              "--url",
              target.url(),
              "--rate",
              "1",
              "--duration",
              "1s"
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(2, invalid);
    assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("agentsCount must be > 0, was 0"));
  }

  @Test
  void aLoggedInFlowOverHttpsSplitsItsUniqueUsersAcrossTwoAgents() throws Exception {
    // The agents speak HTTP/2 over TLS to a target whose CA only this plan trusts.
    Certificates.Bundle certs = Certificates.generate(tmp.resolve("certs"));
    Files.copy(certs.ca(), tmp.resolve("ca.pem"));
    try (TargetServer shop = TargetServer.builder().tls(certs.server()).http2(true).start()) {
      loggedInFlow(shop);
    }
  }

  private void loggedInFlow(TargetServer shop) throws Exception {
    StringBuilder users = new StringBuilder("user,password\n");
    for (int i = 0; i < 40; i++) {
      users.append("u").append(i).append(",pw-u").append(i).append('\n');
    }
    Files.writeString(tmp.resolve("users.csv"), users);
    Path plan = tmp.resolve("shop.yaml");
    Files.writeString(
        plan,
        "target: {baseUrl: \""
            + shop.url()
            + "/api\", tls: {ca: ca.pem}}\n"
            + """
            feeders: [{name: users, file: users.csv, strategy: unique}]
            scenarios:
              - name: shop
                feed: users
                steps:
                  - request:
                      name: login
                      method: POST
                      path: /login
                      body: '{"user": "${user}", "password": "${password}"}'
                      expect: {status: 200}
                      extract: [{name: token, json: /token}]
                  - request:
                      name: add
                      method: POST
                      path: /cart
                      headers: {Authorization: "Bearer ${token}"}
                      body: '{"productId": 1, "quantity": 1}'
                      expect: {status: 200}
                  - request:
                      name: checkout
                      method: POST
                      path: /checkout
                      headers: {Authorization: "Bearer ${token}"}
                      expect: {status: 201}
                load: [{constantRate: {rate: 20, duration: 2s}}]
            thresholds: [errors == 0]
            """);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int code =
        Salvo.execute(
            new String[] {
              "start",
              plan.toString(),
              "--coordinator",
              URL,
              "--token",
              Clusters.token(),
              "--cluster-id",
              "c1",
              "--agents",
              "2",
              "--wait",
              "--out",
              tmp.resolve("shop").toString()
            },
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stdout, true, StandardCharsets.UTF_8));
    String printed = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    Report r = ReportJson.read(Files.readString(tmp.resolve("shop/report.json")));
    assertEquals(120, r.total().requests(), printed);
    assertEquals(2, r.agents().size());
    for (Report.AgentReport a : r.agents()) {
      assertEquals(60, a.figures().requests(), "each agent ran 20 of the 40 users: " + a.id());
    }
    // Each agent verified the certificate with the CA that travelled in the plan, over HTTP/2,
    // with OpenSSL (tcnative's library loads inside WildFly).
    assertEquals(1, r.origins().size(), r.origins().toString());
    assertEquals("h2", r.origins().get(0).protocol());
    assertTrue(r.origins().get(0).verified());
    assertEquals("openssl", r.origins().get(0).tlsProvider());
    assertEquals(120, shop.requests(TargetServer.H2));
    // users.csv went to the agents inside the run's plan; each of its rows was used once in the
    // whole run, by one agent or the other.
    Map<String, Long> logins = shop.loginsByUser();
    assertEquals(40, logins.size(), logins.toString());
    assertTrue(logins.values().stream().allMatch(n -> n == 1), logins.toString());
    assertEquals(0, shop.unauthorized(), "every request after login carried its token");
    assertEquals(0, shop.cartCookieMissing(), "each agent's sessions kept their cart cookie");
    assertEquals(40, shop.checkouts());
  }

  @Test
  void aFinishedRunsReportIsReadBackFromTheDatabaseAfterARestart() throws Exception {
    JsonNode run = api.startRun(ratePlan(target.url(), 200, "2s"), "c1", null, 2, "30s");
    String id = run.path("id").asText();
    assertEquals("COMPLETED", awaitEnd(api, id, RUN_TIMEOUT).path("state").asText());
    String before = api.reportJson(id);
    Report r = ReportJson.read(before);

    coordinator = cluster.restart(coordinator, coordinatorSpec);
    cluster.awaitHttp(URL + "/api/agents", Duration.ofSeconds(180), coordinator);
    Report after = ReportJson.read(api.reportJson(id));
    assertEquals(r.total().requests(), after.total().requests());
    assertEquals(r.total().latencyHistogram(), after.total().latencyHistogram());
    assertEquals(r.scenarios(), after.scenarios());
    assertEquals(r.timeline(), after.timeline());
    assertEquals(r.thresholds(), after.thresholds());
    assertEquals(r.status(), after.status());
    // The agents come back to the restarted coordinator by themselves.
    cluster.awaitAgents(URL, agents -> agents.size() == 3, Duration.ofSeconds(60));
  }
}
