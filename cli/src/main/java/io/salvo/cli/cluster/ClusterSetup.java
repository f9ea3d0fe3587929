package io.salvo.cli.cluster;

import io.salvo.cluster.TargetAllowList;
import io.salvo.message.ClusterKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A coordinator and N agents on this machine, the way {@code salvo cluster up} and the demo start
 * them: the coordinator at a port offset (HTTP 8080 + offset), agent i at offset + 10 i, joined to
 * the coordinator's embedded broker, or all to a standalone broker.
 *
 * @param broker {@code embedded} or {@code standalone}
 * @param db {@code h2} or {@code postgresql} (with {@code dbUrl}, {@code dbUser}, {@code
 *     dbPassword})
 */
public record ClusterSetup(
    int agents,
    String clusterId,
    String group,
    int portOffset,
    String broker,
    String db,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String allowedTargets) {

  public static final Duration SERVER_START = Duration.ofSeconds(180);

  public ClusterSetup {
    if (agents < 0) {
      throw new IllegalArgumentException("--agents must be >= 0, was " + agents);
    }
    if (!broker.equals("embedded") && !broker.equals("standalone")) {
      throw new IllegalArgumentException("--broker must be embedded or standalone, was " + broker);
    }
    if (!db.equals("h2") && !db.equals("postgresql")) {
      throw new IllegalArgumentException("--db must be h2 or postgresql, was " + db);
    }
    if (db.equals("postgresql") && (dbPassword == null || dbPassword.isEmpty())) {
      throw new IllegalArgumentException(
          "--db postgresql needs the database password: set SALVO_DB_PASSWORD (or --db-password)");
    }
    // Checked here, so that a list the servers would refuse starts nothing.
    try {
      allowedTargets = TargetAllowList.parse(allowedTargets).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--allowed-targets: " + e.getMessage(), e);
    }
  }

  public String coordinatorUrl() {
    return "http://127.0.0.1:" + (LocalCluster.HTTP_BASE + portOffset);
  }

  /** The coordinator's HTTPS address, with the cluster's own certificate. */
  public String coordinatorHttpsUrl() {
    return "https://127.0.0.1:" + (LocalCluster.HTTPS_BASE + portOffset);
  }

  public int brokerPort() {
    return 61616 + portOffset - 100;
  }

  /** Starts everything and waits until every agent has joined; stops what it started on failure. */
  public List<String> start(LocalCluster cluster, PrintWriter out)
      throws IOException, InterruptedException {
    for (LocalCluster.Node n : cluster.nodes()) {
      if (n.alive()) {
        throw new IllegalStateException(
            "a cluster is already up here ("
                + n.name()
                + ", pid "
                + n.pid()
                + "): run `salvo cluster down` first");
      }
    }
    cluster.stopAll();
    try {
      Properties credentials = cluster.brokerProperties();
      boolean standalone = broker.equals("standalone");
      Map<String, String> brokerProps = new LinkedHashMap<>();
      brokerProps.put("salvo.broker.host", "127.0.0.1");
      if (standalone) {
        // Over TLS, with a key of its own that the servers trust; the cluster's agents get a user
        // of their own there.
        LocalCluster.Node b = cluster.startBroker("broker", brokerPort(), true, clusterId);
        brokerProps.putAll(LocalCluster.brokerTls(b));
        brokerProps.put("salvo.broker.port", Integer.toString(brokerPort()));
        out.println("salvo cluster: standalone Artemis broker on 127.0.0.1:" + brokerPort());
      } else {
        // Over TLS too: through the coordinator's HTTPS port, trusting its certificate.
        brokerProps.put(
            "salvo.broker.port", Integer.toString(LocalCluster.HTTPS_BASE + portOffset));
      }
      // One key for the cluster, for the coordinator and its agents: their messages are signed.
      String keys = cluster.signingKeys(clusterId).toString();
      Map<String, String> coordinatorProps = new LinkedHashMap<>();
      coordinatorProps.put("salvo.allowedTargets", allowedTargets);
      coordinatorProps.put(ClusterKeys.PROPERTY, keys);
      if (standalone) {
        // The coordinator as the servers' user, which may do anything on the broker.
        coordinatorProps.putAll(brokerProps);
        coordinatorProps.put("salvo.broker.user", credentials.getProperty("salvo.broker.user"));
        coordinatorProps.put(
            "salvo.broker.password", credentials.getProperty("salvo.broker.password"));
      }
      // Agents as their cluster's user: results, heartbeats and their own assignments only.
      brokerProps.putAll(cluster.brokerUser(clusterId));
      String template = "coordinator";
      if (db.equals("postgresql")) {
        template += "-postgresql";
        coordinatorProps.put("salvo.db.url", dbUrl);
        coordinatorProps.put("salvo.db.user", dbUser);
        coordinatorProps.put("salvo.db.password", dbPassword);
      }
      if (standalone) {
        template += "-standalone-broker";
      }
      LocalCluster.Node coordinator =
          cluster.start(
              new LocalCluster.NodeSpec("coordinator", template, portOffset, coordinatorProps));
      out.println("salvo cluster: starting the coordinator (pid " + coordinator.pid() + ")...");
      out.flush();
      cluster.awaitHttp(coordinatorUrl() + "/api/agents", SERVER_START, coordinator);
      if (!standalone) {
        brokerProps.putAll(cluster.coordinatorTrust());
      }
      for (int i = 1; i <= agents; i++) {
        Map<String, String> props = new LinkedHashMap<>(brokerProps);
        props.put("salvo.agentId", "agent-" + i);
        props.put("salvo.allowedTargets", allowedTargets);
        props.put(ClusterKeys.PROPERTY, keys);
        props.put("salvo.clusterId", clusterId);
        if (group != null) {
          props.put("salvo.agentGroup", group);
        }
        cluster.start(
            new LocalCluster.NodeSpec(
                "agent-" + i,
                standalone ? "agent-standalone-broker" : "agent-tls",
                portOffset + 10 * i,
                props));
      }
      if (agents > 0) {
        out.println(
            "salvo cluster: starting " + agents + " agent" + (agents == 1 ? "" : "s") + "...");
        out.flush();
      }
      return cluster.awaitAgents(
          coordinatorUrl(),
          list ->
              list.stream().filter(a -> clusterId.equals(a.path("clusterId").asText())).count()
                  >= agents,
          SERVER_START);
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.stopAll();
      throw e;
    }
  }
}
