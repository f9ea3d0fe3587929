package io.salvo.it;

import static io.salvo.it.Clusters.agent;
import static io.salvo.it.Clusters.awaitEnd;
import static io.salvo.it.Clusters.ratePlan;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.message.Assignment;
import io.salvo.message.ClusterKeys;
import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.MessageCodec;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.message.SignedMessages;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.target.TargetServer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production shape on one machine: a standalone Artemis broker started from its Maven Central
 * distribution, a coordinator on PostgreSQL (a server the test starts, see {@link LocalPostgres}),
 * and an agent. One run is persisted in PostgreSQL and read back, also after the coordinator
 * restarts.
 */
class PostgresqlIT {
  private static final int OFFSET = 400;
  private static final int BROKER_PORT = 61916;
  private static final String URL = "http://127.0.0.1:" + (LocalCluster.HTTP_BASE + OFFSET);
  private static final String DB = "salvo_it";

  private static LocalCluster cluster;
  private static TargetServer target;
  private static LocalPostgres postgres;
  private static String dbUrl;

  @BeforeAll
  static void start() throws Exception {
    postgres = LocalPostgres.start();
    dbUrl = postgres.jdbcUrl(DB);
    try (Connection c = postgres.connect("postgres")) {
      c.createStatement().execute("create database " + DB);
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // exists already
        throw e;
      }
    }
    cluster = Clusters.cluster("postgresql-it");
    cluster.stopAll();
    target = TargetServer.start(0, 1);
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stop(cluster, target);
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aRunIsPersistedInPostgresqlAndReadBackAfterARestart() throws Exception {
    // The broker speaks TLS only; the coordinator and the agent trust its certificate.
    LocalCluster.Node broker = cluster.startBroker("broker", BROKER_PORT, true, "pg", "pg-other");
    Map<String, String> tls = LocalCluster.brokerTls(broker);
    Map<String, String> props = new LinkedHashMap<>(tls);
    props.put("salvo.db.url", dbUrl);
    props.put("salvo.db.user", "postgres");
    props.put("salvo.db.password", "postgres"); // trust authentication ignores it
    props.putAll(Clusters.broker(cluster, BROKER_PORT));
    var spec =
        new LocalCluster.NodeSpec(
            "coordinator",
            "coordinator-postgresql-standalone-broker",
            OFFSET,
            Clusters.coordinator(cluster, props));
    var coordinator = cluster.start(spec);
    cluster.awaitHttp(URL + "/api/agents", Duration.ofSeconds(180), coordinator);
    LocalCluster.Node agent =
        cluster.start(
            new LocalCluster.NodeSpec(
                "agent-1",
                "agent-standalone-broker",
                OFFSET + 10,
                withTls(Clusters.agent(cluster, "agent-1", "pg", null, BROKER_PORT), tls)));
    cluster.awaitAgents(URL, agents -> agents.size() == 1, Duration.ofSeconds(180));

    CoordinatorClient api = new CoordinatorClient(URL, null, Clusters.token());
    String id =
        api.startRun(ratePlan(target.url(), 300, "3s"), "pg", null, 1, "30s").path("id").asText();
    assertEquals("COMPLETED", awaitEnd(api, id, Duration.ofSeconds(90)).path("state").asText());
    Report report = ReportJson.read(api.reportJson(id));
    assertEquals(900, report.total().requests());
    assertEquals(900, target.requests());
    assertBrokerSpeaksTls(tls);
    refusesForgedAssignments(agent, tls);
    clustersAreKeptApartByTheBroker(tls);

    try (Connection c = postgres.connect(DB)) {
      assertEquals("COMPLETED", one(c, "select state from salvo_run where id = ?", id));
      assertEquals(report.status(), one(c, "select verdict from salvo_run where id = ?", id));
      String merged =
          one(c, "select snapshot from salvo_merged where runId = ? and run_second = -1", id);
      assertEquals(
          900, MessageCodec.fromJson(merged, ScenarioSnapshot.class).toStats().total().requests());
      long intervals =
          Long.parseLong(one(c, "select count(*) from salvo_node_interval where runId = ?", id));
      assertTrue(intervals >= 3, "each second of the agent stored once: " + intervals);
      assertEquals("900", one(c, "select requests from salvo_node_result where runId = ?", id));
    }

    cluster.awaitHttp(URL + "/api/agents", Duration.ofSeconds(5), null);
    coordinator = cluster.restart(coordinator, spec);
    cluster.awaitHttp(URL + "/api/agents", Duration.ofSeconds(180), coordinator);
    Report again = ReportJson.read(api.reportJson(id));
    assertEquals(report.scenarios(), again.scenarios());
    assertEquals(report.agents(), again.agents());
  }

  /**
   * The servers' user may publish on a standalone broker (one user for the servers there), so an
   * agent's own check is what stops an assignment that is not signed with its cluster's key: one
   * unsigned and one signed with another key are refused, logged, and start no load.
   */
  private static void refusesForgedAssignments(LocalCluster.Node agent, Map<String, String> tls)
      throws Exception {
    long before = target.requests();
    Assignment assignment =
        new Assignment(
            ClusterMessage.VERSION,
            "pg",
            "coordinator",
            "forged-run",
            null,
            ratePlan(target.url(), 10, "1s"),
            "YAML",
            List.of("agent-1"),
            List.of(new Assignment.ScenarioAssignment("load", "split")),
            System.currentTimeMillis() + 500);
    Path otherKeys = Files.createTempDirectory("other-keys");
    ClusterKeys.generate(otherKeys, "pg");
    SignedMessages.Sealed forged =
        new SignedMessages(ClusterKeys.directory(otherKeys)).seal(assignment);
    var user = cluster.brokerProperties();
    try (ActiveMQConnectionFactory cf =
            brokerClient(
                tls,
                user.getProperty("salvo.broker.user"),
                user.getProperty("salvo.broker.password"));
        JMSContext jms = cf.createContext()) {
      Topic assignments = jms.createTopic(Destinations.assignments("pg"));
      jms.createProducer()
          .setProperty(Destinations.CLUSTER_ID, "pg")
          .send(assignments, MessageCodec.encode(assignment));
      jms.createProducer()
          .setProperty(SignedMessages.SEQUENCE, forged.sequence())
          .setProperty(SignedMessages.SIGNATURE, forged.signature())
          .setProperty(Destinations.CLUSTER_ID, "pg")
          .send(assignments, forged.body());
    }
    Path log = agent.dir().resolve("log/server.log");
    String refused =
        "refused a message of type assignment from node coordinator of cluster pg, run forged-run: ";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              String text = Files.readString(log);
              return text.contains(refused + "the message is not signed")
                  && text.contains(
                      refused
                          + "the signature does not match (forged, altered, or signed with"
                          + " another key)");
            });
    assertEquals(before, target.requests(), "neither assignment sent load");
  }

  private static ActiveMQConnectionFactory brokerClient(
      Map<String, String> tls, String user, String password) {
    return new ActiveMQConnectionFactory(
        "tcp://127.0.0.1:"
            + BROKER_PORT
            + "?sslEnabled=true&trustStoreType=PKCS12&trustStorePath="
            + tls.get("salvo.broker.trustStore")
            + "&trustStorePassword="
            + tls.get("salvo.broker.trustStorePassword")
            + "&enable1xPrefixes=true",
        user,
        password);
  }

  /**
   * On the standalone broker too, a cluster's agents' user reads its own cluster's assignments
   * only: pg-other's user may subscribe to pg-other's topic, and the broker refuses it pg's
   * (without any selector), publishing, and consuming results.
   */
  private static void clustersAreKeptApartByTheBroker(Map<String, String> tls) {
    Map<String, String> other = cluster.brokerUser("pg-other");
    try (ActiveMQConnectionFactory cf =
            brokerClient(tls, other.get("salvo.broker.user"), other.get("salvo.broker.password"));
        JMSContext jms = cf.createContext()) {
      jms.createConsumer(jms.createTopic(Destinations.assignments("pg-other"))).close();
      for (String address :
          List.of(Destinations.assignments("pg"), Destinations.ASSIGNMENTS + ".#")) {
        assertThrows(
            JMSSecurityRuntimeException.class,
            () -> jms.createConsumer(jms.createTopic(address)),
            address);
      }
      assertThrows(
          JMSSecurityRuntimeException.class,
          () ->
              jms.createProducer()
                  .send(jms.createTopic(Destinations.assignments("pg-other")), "{}"));
      assertThrows(
          JMSSecurityRuntimeException.class,
          () -> jms.createConsumer(jms.createQueue(Destinations.RESULTS)));
    }
  }

  private static String one(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next(), sql);
        return r.getString(1);
      }
    }
  }

  private static Map<String, String> withTls(Map<String, String> props, Map<String, String> tls) {
    Map<String, String> p = new LinkedHashMap<>(props);
    p.putAll(tls);
    return p;
  }

  /** A TLS handshake on the broker's port, trusting only its trust store, succeeds. */
  private static void assertBrokerSpeaksTls(Map<String, String> tls) throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    try (var in =
        java.nio.file.Files.newInputStream(
            java.nio.file.Path.of(tls.get("salvo.broker.trustStore")))) {
      trust.load(in, tls.get("salvo.broker.trustStorePassword").toCharArray());
    }
    var tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    try (var socket =
        (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", BROKER_PORT)) {
      socket.startHandshake();
      assertEquals(
          "CN=Salvo broker",
          ((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0])
              .getSubjectX500Principal()
              .getName());
    }
  }
}
