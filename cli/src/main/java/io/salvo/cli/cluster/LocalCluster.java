package io.salvo.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.message.ClusterKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Starts and stops Salvo's servers on this machine from the templates the build provisions ({@code
 * servers/target/servers}). Every process it starts is written to {@code nodes} in its state
 * directory with its start instant, so {@link #stopAll()} stops exactly those, never a PID that the
 * system has since reused.
 */
public final class LocalCluster {
  /** WildFly's HTTP port before the offset. */
  public static final int HTTP_BASE = 8080;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A server to start: a template, a port offset, and system properties. */
  public record NodeSpec(
      String name, String template, int portOffset, Map<String, String> properties) {
    public int httpPort() {
      return HTTP_BASE + portOffset;
    }
  }

  /**
   * A process this cluster started: its PID, when that process started (epoch milliseconds, 0 when
   * unknown) and its directory, which is on the process's command line.
   */
  public record Node(String name, long pid, int port, Path dir, long startedMillis) {
    /** Whether the process still runs and is provably the one started (see {@link #process()}). */
    public boolean alive() {
      return process().isPresent();
    }

    /**
     * The process, only when it is provably the server this cluster started: alive, started at the
     * recorded instant, and with this node's directory on its command line. A PID that the system
     * has since given to another process fails these checks and is never signalled.
     */
    public Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid).filter(p -> p.isAlive() && isOurs(p.info()));
    }

    private boolean isOurs(ProcessHandle.Info info) {
      if (startedMillis > 0
          && info.startInstant().map(Instant::toEpochMilli).orElse(-1L) != startedMillis) {
        return false;
      }
      String marker = dir.toString();
      return info.commandLine().map(c -> c.contains(marker)).orElse(false)
          || info.arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false);
    }
  }

  private final Path servers;
  private final Path state;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param home the Salvo checkout (holds {@code servers/target/servers})
   * @param state where this cluster keeps its servers' files and its process list
   */
  public LocalCluster(Path home, Path state) {
    this.servers = home.resolve("servers/target/servers");
    this.state = state;
  }

  /** The cluster of {@code salvo cluster up}: {@code .salvo/cluster} in the checkout. */
  public static LocalCluster standard(Path home) {
    return new LocalCluster(home, home.resolve(".salvo/cluster"));
  }

  /** Whether the build has provisioned the server templates. */
  public boolean provisioned() {
    return Files.isRegularFile(servers.resolve("wildfly.home"));
  }

  private void requireProvisioned() {
    if (!provisioned()) {
      throw new IllegalStateException(
          "the servers are not provisioned: run `mvn -pl servers -am install -Dmaven.test.skip` (./salvo does it)");
    }
  }

  public Path wildflyHome() {
    requireProvisioned();
    return Path.of(read(servers.resolve("wildfly.home")).trim());
  }

  /** The agents' broker user and password. */
  public Properties brokerProperties() {
    requireProvisioned();
    Properties p = new Properties();
    try (var in = Files.newInputStream(servers.resolve("broker.properties"))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /**
   * The directory of this cluster's signing keys ({@code keys} in its state), with a key for each
   * of {@code clusterIds} (created, readable by the owner only, when missing); its path is what the
   * servers' {@code salvo.keysDir} takes.
   */
  public Path signingKeys(String... clusterIds) {
    Path dir = state.resolve("keys");
    try {
      Files.createDirectories(dir);
      if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      for (String id : clusterIds) {
        ClusterKeys.generate(dir, id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.toAbsolutePath();
  }

  /**
   * The cluster's admin API token, from {@code admin.token} in its state (created on first use: 32
   * random bytes, readable by the owner only). Its coordinators take the file's path as {@code
   * salvo.auth.adminTokenFile}, so that the token works there as an admin's; clients on this
   * machine read it from the file.
   */
  public String adminToken() {
    Path file = adminTokenFile();
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(state);
        writeOwnerOnlyText(file, io.salvo.cluster.ApiTokens.newToken());
      }
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The admin token, for a client about to call {@code url}: only when {@code url} is this
   * machine's address of this cluster's running coordinator (its HTTP port, or its HTTPS port), so
   * that the token goes to no other listener on the machine.
   */
  public Optional<String> adminTokenFor(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String host = u.getHost();
    if (host == null
        || !(host.equals("127.0.0.1") || host.equals("localhost"))
        || !Files.isRegularFile(adminTokenFile())) {
      return Optional.empty();
    }
    int port = u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    for (Node n : nodes()) {
      if (n.name().equals("coordinator")
          && n.alive()
          && (port == n.port() || port == n.port() - HTTP_BASE + HTTPS_BASE)) {
        return Optional.of(adminToken());
      }
    }
    return Optional.empty();
  }

  /** The coordinator's HTTPS port before its port offset. */
  public static final int HTTPS_BASE = 8443;

  /** Where {@link #adminToken()} is kept. */
  public Path adminTokenFile() {
    return state.resolve("admin.token").toAbsolutePath();
  }

  /**
   * The broker user of a cluster's agents on a coordinator's embedded broker: {@code
   * salvo-agent-<clusterId>}, with a password made on first use and kept in {@code
   * broker-users/<clusterId>.password} of the state (readable by the owner only); as the {@code
   * salvo.broker.user} and {@code salvo.broker.password} an agent takes.
   */
  public Map<String, String> brokerUser(String clusterId) {
    Path file = state.resolve("broker-users").resolve(clusterId + ".password");
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(file.getParent());
        writeRandomPassword(file);
      }
      return Map.of(
          "salvo.broker.user",
          BROKER_USER_PREFIX + clusterId,
          "salvo.broker.password",
          Files.readString(file).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String BROKER_USER_PREFIX = "salvo-agent-";

  /**
   * Lets each cluster's agents onto a coordinator's embedded broker (a server directory made from
   * the {@code coordinator} or {@code coordinator-postgresql} template, before its start): the
   * cluster's user ({@link #brokerUser}) in the server's application realm, with the roles {@code
   * salvo-agent} (send results and heartbeats) and {@code salvo-agent-<clusterId>}, which alone may
   * read the topic {@code salvo.assignments.<clusterId>} ({@link #addRealmUser}).
   */
  void addBrokerUsers(Path serverDir, List<String> clusterIds) throws IOException {
    StringBuilder settings = new StringBuilder();
    for (String id : clusterIds) {
      Map<String, String> u = brokerUser(id);
      String user = u.get("salvo.broker.user");
      addRealmUser(serverDir, user, u.get("salvo.broker.password"), "salvo-agent," + user);
      settings
          .append("\n                <security-setting name=\"jms.topic.salvo.assignments.")
          .append(id)
          .append("\">\n                    <role name=\"")
          .append(user)
          .append(
              "\" consume=\"true\" create-non-durable-queue=\"true\""
                  + " delete-non-durable-queue=\"true\"/>\n                </security-setting>");
    }
    Path xml = serverDir.resolve("configuration/standalone-full.xml");
    String text = Files.readString(xml);
    String anchor = "<security-setting name=\"jms.queue.salvo.control\">";
    int at = text.indexOf(anchor);
    int end = at < 0 ? -1 : text.indexOf("</security-setting>", at);
    if (end < 0) {
      throw new IllegalStateException(
          "no security setting for salvo.control in " + xml + ": is it a coordinator template?");
    }
    end += "</security-setting>".length();
    Files.writeString(xml, text.substring(0, end) + settings + text.substring(end));
  }

  /**
   * Adds a user with {@code roles} (comma-separated) to a server's application realm (the files its
   * embedded broker authenticates remote users with), before the server starts. The password goes
   * in as the realm's digest, MD5 of user:ApplicationRealm:password, never on a command line.
   */
  public static void addRealmUser(Path serverDir, String user, String password, String roles)
      throws IOException {
    Path config = serverDir.resolve("configuration");
    Files.writeString(
        config.resolve("application-users.properties"),
        "\n" + user + "=" + realmDigest(user, password) + "\n",
        StandardOpenOption.APPEND);
    Files.writeString(
        config.resolve("application-roles.properties"),
        "\n" + user + "=" + roles + "\n",
        StandardOpenOption.APPEND);
  }

  private static String realmDigest(String user, String password) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("MD5")
                  .digest(
                      (user + ":ApplicationRealm:" + password).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts a WildFly server from a template, in a fresh directory; returns once its JVM runs. */
  public Node start(NodeSpec spec) throws IOException, InterruptedException {
    return start(spec, dir -> {});
  }

  /** A change to a server's files before its first start. */
  public interface Configure {
    void apply(Path serverDir) throws IOException;
  }

  /**
   * Starts a server as {@link #start(NodeSpec)} does, with {@code configure} applied to its fresh
   * directory just before it starts.
   */
  public Node start(NodeSpec spec, Configure configure) throws IOException, InterruptedException {
    requireProvisioned();
    Path template = servers.resolve(spec.template());
    if (!Files.isDirectory(template)) {
      throw new IllegalArgumentException(
          "no server template " + spec.template() + " in " + servers);
    }
    Path dir = state.resolve(spec.name());
    delete(dir);
    copy(template, dir);
    if (EMBEDDED_BROKER_COORDINATORS.contains(spec.template())) {
      addBrokerUsers(dir, clustersWithKeys(spec.properties().get(ClusterKeys.PROPERTY)));
    }
    configure.apply(dir);
    return launch(spec, dir);
  }

  private static final List<String> EMBEDDED_BROKER_COORDINATORS =
      List.of("coordinator", "coordinator-postgresql");

  /** The clusters with a signing key in {@code keysDir} (none when it is null). */
  private static List<String> clustersWithKeys(String keysDir) throws IOException {
    if (keysDir == null) {
      return List.of();
    }
    try (var files = Files.list(Path.of(keysDir))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".key"))
          .map(n -> n.substring(0, n.length() - ".key".length()))
          .sorted()
          .toList();
    }
  }

  /**
   * Stops a node and starts it again on its own files (its database and settings kept), as after a
   * crash or an upgrade.
   */
  public Node restart(Node node, NodeSpec spec) throws IOException, InterruptedException {
    stop(node);
    return launch(spec, node.dir());
  }

  private Node launch(NodeSpec spec, Path dir) throws IOException, InterruptedException {
    requireFree(spec.httpPort(), spec.name() + "'s HTTP port");
    requireFree(9990 + spec.portOffset(), spec.name() + "'s management port");
    Path pidFile = dir.resolve("server.pid");
    Files.deleteIfExists(pidFile);
    List<String> cmd = new ArrayList<>();
    cmd.add(wildflyHome().resolve("bin/standalone.sh").toString());
    cmd.add("-c");
    cmd.add("standalone-full.xml");
    cmd.add("-Djboss.server.base.dir=" + dir);
    cmd.add("-Djboss.socket.binding.port-offset=" + spec.portOffset());
    cmd.add("-Djboss.node.name=" + spec.name());
    cmd.add(
        "-Djboss.tx.node.id="
            + (spec.name().length() > 23 ? spec.name().substring(0, 23) : spec.name()));
    // Salvo's properties (passwords among them) go in a file only the owner can read, never on
    // the command line, where anyone on the machine could read them (ps).
    Map<String, String> props = new LinkedHashMap<>(spec.properties());
    if (spec.template().startsWith("coordinator")) {
      props.putAll(serverTls(dir));
      adminToken();
      props.putIfAbsent("salvo.auth.adminTokenFile", adminTokenFile().toString());
    }
    Path properties = dir.resolve("salvo.properties");
    writeOwnerOnly(properties, props);
    cmd.add("-P");
    cmd.add(properties.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("JBOSS_PIDFILE", pidFile.toString());
    pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
    Files.createDirectories(dir.resolve("log"));
    pb.redirectOutput(dir.resolve("log/console.log").toFile());
    pb.redirectErrorStream(true);
    Process script = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(pidFile) || read(pidFile).isBlank()) {
      if (!script.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            spec.name() + " did not start; see " + dir.resolve("log/console.log"));
      }
      Thread.sleep(50);
    }
    Node node = identify(spec.name(), Long.parseLong(read(pidFile).trim()), spec.httpPort(), dir);
    record(node);
    return node;
  }

  /**
   * The certificate the cluster's coordinator serves HTTPS with (PEM), for clients to trust; it is
   * created with the coordinator's keystore at its first start.
   */
  public Path coordinatorCertificate() {
    return state.resolve("tls/coordinator.pem");
  }

  /**
   * Puts the cluster's coordinator keystore into a server's configuration directory (creating it,
   * its password and its certificate in {@code tls} of the state on first use: an EC key for
   * 127.0.0.1 and localhost, valid 825 days) and returns the properties that make the server use
   * it.
   */
  private Map<String, String> serverTls(Path serverDir) throws IOException, InterruptedException {
    Path dir = state.resolve("tls");
    Path keystore = dir.resolve("coordinator.jks");
    Path password = dir.resolve("keystore.password");
    Path pem = coordinatorCertificate();
    if (!Files.exists(keystore) || !Files.exists(password) || !Files.exists(pem)) {
      Files.createDirectories(dir);
      if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      for (Path p : List.of(keystore, password, pem)) {
        Files.deleteIfExists(p);
      }
      writeRandomPassword(password);
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      // The password goes to keytool in its file, not on its command line.
      run(
          List.of(
              keytool,
              "-genkeypair",
              "-alias",
              "coordinator",
              "-keyalg",
              "EC",
              "-groupname",
              "secp256r1",
              "-dname",
              "CN=Salvo coordinator",
              "-ext",
              "SAN=ip:127.0.0.1,dns:localhost",
              "-validity",
              "825",
              "-storetype",
              "JKS",
              "-keystore",
              keystore.toString(),
              "-storepass:file",
              password.toString(),
              "-keypass:file",
              password.toString()));
      run(
          List.of(
              keytool,
              "-exportcert",
              "-rfc",
              "-alias",
              "coordinator",
              "-keystore",
              keystore.toString(),
              "-storepass:file",
              password.toString(),
              "-file",
              pem.toString()));
    }
    Path target = serverDir.resolve("configuration/salvo-tls.jks");
    Files.copy(keystore, target, StandardCopyOption.REPLACE_EXISTING);
    return Map.of(
        "salvo.tls.keystore",
        target.getFileName().toString(),
        "salvo.tls.keystorePassword",
        Files.readString(password).trim());
  }

  /** Writes a new password, 18 random bytes in hex, to a file that only its owner may read. */
  private static void writeRandomPassword(Path file) throws IOException {
    byte[] random = new byte[18];
    new java.security.SecureRandom().nextBytes(random);
    writeOwnerOnlyText(file, java.util.HexFormat.of().formatHex(random));
  }

  private static void writeOwnerOnlyText(Path file, String text) throws IOException {
    createOwnerOnly(file);
    Files.writeString(file, text + "\n");
  }

  /** Creates an empty file (replacing any) that only its owner may read or write. */
  private static void createOwnerOnly(Path file) throws IOException {
    Files.deleteIfExists(file);
    if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
  }

  /** Writes system properties to a file that only its owner may read or write. */
  static void writeOwnerOnly(Path file, Map<String, String> properties) throws IOException {
    createOwnerOnly(file);
    Properties p = new Properties();
    p.putAll(properties);
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "Salvo's system properties for this server");
    }
  }

  /** Creates and starts a standalone Artemis broker with one acceptor on 127.0.0.1:port. */
  public Node startBroker(String name, int port) throws IOException, InterruptedException {
    return startBroker(name, port, false);
  }

  /**
   * Creates and starts a standalone Artemis broker with one acceptor on 127.0.0.1:port, speaking
   * TLS only when {@code tls} (with a key of its own: {@link #brokerTls} tells servers to trust
   * it). The servers' user ({@link #brokerProperties}) may do anything there; each of {@code
   * clusterIds} gets its agents' user ({@link #brokerUser}), which may send results and heartbeats
   * and read its own cluster's assignments only.
   */
  public Node startBroker(String name, int port, boolean tls, String... clusterIds)
      throws IOException, InterruptedException {
    requireProvisioned();
    requireFree(port, "the broker's port");
    Path dir = state.resolve(name);
    delete(dir);
    run(
        List.of("bash", artemisScript(), "create", dir.toString(), Integer.toString(port)),
        Map.of("SALVO_BROKER_TLS", tls ? "1" : "0"));
    for (String id : clusterIds) {
      // The password goes to the script in its environment, not on its command line.
      run(
          List.of("bash", artemisScript(), "add-cluster", dir.toString(), id),
          Map.of("SALVO_CLUSTER_PASSWORD", brokerUser(id).get("salvo.broker.password")));
    }
    return launchBroker(name, port, dir);
  }

  /** The system properties that make a server reach a TLS broker and trust its certificate. */
  /**
   * The properties that make an agent of the {@code agent-tls} template trust the coordinator's
   * embedded broker, which it reaches over the coordinator's HTTPS port: a PKCS12 trust store with
   * the coordinator's certificate ({@code tls/truststore.p12} of the state, made on first use with
   * a password of its own; call once the coordinator has started, which makes its certificate).
   */
  public Map<String, String> coordinatorTrust() throws IOException, InterruptedException {
    Path dir = state.resolve("tls");
    Path store = dir.resolve("truststore.p12");
    Path password = dir.resolve("truststore.password");
    if (!Files.isRegularFile(coordinatorCertificate())) {
      throw new IllegalStateException(
          "no coordinator certificate yet in " + coordinatorCertificate() + ": start it first");
    }
    if (!Files.exists(store)
        || !Files.exists(password)
        || Files.getLastModifiedTime(coordinatorCertificate())
                .compareTo(Files.getLastModifiedTime(store))
            > 0) {
      Files.deleteIfExists(store);
      writeRandomPassword(password);
      run(
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
              "-importcert",
              "-noprompt",
              "-alias",
              "coordinator",
              "-file",
              coordinatorCertificate().toString(),
              "-storetype",
              "PKCS12",
              "-keystore",
              store.toString(),
              "-storepass:file",
              password.toString()));
    }
    return Map.of(
        "salvo.broker.trustStore",
        store.toAbsolutePath().toString(),
        "salvo.broker.trustStorePassword",
        Files.readString(password).trim());
  }

  public static Map<String, String> brokerTls(Node broker) throws IOException {
    Path etc = broker.dir().resolve("etc");
    return Map.of(
        "salvo.broker.ssl",
        "true",
        "salvo.broker.trustStore",
        etc.resolve("truststore.p12").toAbsolutePath().toString(),
        "salvo.broker.trustStorePassword",
        Files.readString(etc.resolve("truststore.password")).trim());
  }

  /**
   * Starts a broker again on its own files (its journal kept, so persistent messages survive), as
   * after a crash; stops it first if it still runs.
   */
  public Node restartBroker(Node broker) throws IOException, InterruptedException {
    stop(broker);
    requireFree(broker.port(), "the broker's port");
    return launchBroker(broker.name(), broker.port(), broker.dir());
  }

  private Node launchBroker(String name, int port, Path dir)
      throws IOException, InterruptedException {
    run(List.of("bash", artemisScript(), "start", dir.toString()));
    Node node = identify(name, Long.parseLong(read(dir.resolve("broker.pid")).trim()), port, dir);
    record(node);
    return node;
  }

  private String artemisScript() {
    return servers.getParent().getParent().resolve("src/main/scripts/artemis.sh").toString();
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    run(cmd, Map.of());
  }

  private static void run(List<String> cmd, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.trim());
    }
  }

  /** A request with the cluster's admin token, when it has one. */
  private HttpRequest.Builder authorized(HttpRequest.Builder b) {
    return Files.isRegularFile(adminTokenFile())
        ? b.header("Authorization", "Bearer " + adminToken())
        : b;
  }

  /** Waits until {@code url} answers 200 (with the cluster's admin token, if it has one). */
  public void awaitHttp(String url, Duration timeout, Node node) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        HttpResponse<Void> r =
            http.send(
                authorized(HttpRequest.newBuilder(URI.create(url)))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      if (node != null && !node.alive()) {
        throw new IllegalStateException(node.name() + " exited; see " + node.dir().resolve("log"));
      }
      if (node != null) {
        String failure = bootFailure(node);
        if (failure != null) {
          throw new IllegalStateException(
              node.name()
                  + " started with errors: "
                  + failure
                  + "; see "
                  + node.dir().resolve("log/server.log"));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            url
                + " did not answer within "
                + timeout.toSeconds()
                + " s"
                + (node == null ? "" : "; see " + node.dir().resolve("log/server.log")));
      }
      Thread.sleep(250);
    }
  }

  /** The first error of a server that reports it started with errors (WFLYSRV0026), or null. */
  private static String bootFailure(Node node) {
    Path log = node.dir().resolve("log/server.log");
    try {
      if (!Files.exists(log)) {
        return null;
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (lines.stream().noneMatch(l -> l.contains("WFLYSRV0026"))) {
        return null;
      }
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(" ERROR ") && lines.get(i).contains("failure description")) {
          return lines.get(i).substring(lines.get(i).indexOf("failure description"));
        }
        if (lines.get(i).contains(" ERROR ")
            && i + 3 < lines.size()
            && lines.get(i + 3).contains("failure description")) {
          return lines.get(i + 3).substring(lines.get(i + 3).indexOf("failure description"));
        }
      }
      return "see the log";
    } catch (IOException e) {
      return null;
    }
  }

  /** Waits until the coordinator knows agents that satisfy {@code ready}; returns their ids. */
  public List<String> awaitAgents(
      String coordinator, Predicate<List<JsonNode>> ready, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<JsonNode> agents = List.of();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                authorized(HttpRequest.newBuilder(URI.create(coordinator + "/api/agents")))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        agents = new ArrayList<>();
        for (JsonNode a : JSON.readTree(r.body())) {
          if (!"LOST".equals(a.path("state").asText())) {
            agents.add(a);
          }
        }
        if (ready.test(agents)) {
          return agents.stream().map(a -> a.path("id").asText()).toList();
        }
      } catch (IOException e) {
        // retry
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "the agents did not all join within "
            + timeout.toSeconds()
            + " s; joined: "
            + agents.stream().map(a -> a.path("id").asText()).toList());
  }

  /** The processes this cluster started that are still recorded. */
  public List<Node> nodes() {
    Path file = state.resolve("nodes");
    List<Node> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : read(file).split("\n")) {
      String[] f = line.split("\t");
      if (f.length >= 4) {
        out.add(
            new Node(
                f[0],
                Long.parseLong(f[1]),
                Integer.parseInt(f[2]),
                Path.of(f[3]),
                f.length > 4 ? Long.parseLong(f[4]) : 0));
      }
    }
    return out;
  }

  /** A node for a process just started: its start instant read now, while the PID is fresh. */
  static Node identify(String name, long pid, int port, Path dir) {
    long started =
        ProcessHandle.of(pid)
            .flatMap(p -> p.info().startInstant())
            .map(Instant::toEpochMilli)
            .orElse(0L);
    return new Node(name, pid, port, dir, started);
  }

  synchronized void record(Node n) throws IOException {
    Files.createDirectories(state);
    Files.writeString(
        state.resolve("nodes"),
        n.name()
            + "\t"
            + n.pid()
            + "\t"
            + n.port()
            + "\t"
            + n.dir()
            + "\t"
            + n.startedMillis()
            + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * Stops one node: SIGTERM (WildFly shuts down gracefully), then SIGKILL after 30 s; only when its
   * process is provably the one started ({@link Node#process()}).
   */
  public void stop(Node n) {
    n.process()
        .ifPresent(
            p -> {
              p.destroy();
              try {
                p.onExit().get(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                p.destroyForcibly();
              }
            });
  }

  /**
   * Stops every process this cluster started, in reverse order, and forgets them. A recorded PID
   * that now belongs to another process (or to none) is left alone.
   *
   * @return each node's name and whether it was running (and so was stopped)
   */
  public Map<String, Boolean> stopAll() throws IOException {
    List<Node> nodes = nodes();
    Map<String, Boolean> stopped = new LinkedHashMap<>();
    List<ProcessHandle> handles = new ArrayList<>();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      Optional<ProcessHandle> p = n.process();
      p.ifPresent(
          h -> {
            h.destroy();
            handles.add(h);
          });
      stopped.put(n.name(), p.isPresent());
    }
    for (ProcessHandle p : handles) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    Files.deleteIfExists(state.resolve("nodes"));
    return stopped;
  }

  private static void requireFree(int port, String what) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IllegalStateException(
          what + " " + port + " is taken on 127.0.0.1; choose another --port-offset");
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
