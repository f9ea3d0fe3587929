package io.salvo.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalCluster#stopAll()} stops the processes it recorded and nothing else: a recorded PID
 * that now belongs to another process (another command line, or a later start) is left alone.
 */
class LocalClusterTest {
  @TempDir Path home;

  private Process process;

  @AfterEach
  void cleanUp() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  /** A long-running shell whose command line names {@code dir}, as a server's does. */
  private Process serverLike(Path dir) throws Exception {
    Files.createDirectories(dir);
    // The trailing command keeps the shell itself running (no exec), with dir in its arguments.
    return new ProcessBuilder("sh", "-c", "sleep 60; : " + dir).start();
  }

  @Test
  void stopsTheProcessItStarted() throws Exception {
    LocalCluster cluster = new LocalCluster(home, home.resolve("state"));
    Path dir = home.resolve("state/agent-1");
    process = serverLike(dir);
    cluster.record(LocalCluster.identify("agent-1", process.pid(), 8090, dir));

    LocalCluster.Node node = cluster.nodes().get(0);
    assertTrue(node.startedMillis() > 0, node.toString());
    assertTrue(node.alive(), "the recorded process is recognised: " + node);
    assertEquals(Map.of("agent-1", true), cluster.stopAll());
    assertTrue(process.onExit().get(30, TimeUnit.SECONDS) != null);
    assertFalse(process.isAlive());
    assertEquals(List.of(), cluster.nodes(), "the list is forgotten");
  }

  @Test
  void leavesAReusedPidAlone() throws Exception {
    LocalCluster cluster = new LocalCluster(home, home.resolve("state"));
    Path dir = home.resolve("state/coordinator");
    // Another program now holds the recorded PID: its command line does not name the node's
    // directory.
    process = new ProcessBuilder("sleep", "60").start();
    cluster.record(LocalCluster.identify("coordinator", process.pid(), 8080, dir));

    assertFalse(cluster.nodes().get(0).alive());
    assertEquals(Map.of("coordinator", false), cluster.stopAll());
    assertTrue(process.isAlive(), "a process that is not provably ours is not signalled");
  }

  @Test
  void leavesAProcessThatStartedLaterAlone() throws Exception {
    LocalCluster cluster = new LocalCluster(home, home.resolve("state"));
    Path dir = home.resolve("state/broker");
    process = serverLike(dir);
    LocalCluster.Node seen = LocalCluster.identify("broker", process.pid(), 61616, dir);
    // The same PID and command line, but a start instant other than the recorded one: the
    // recorded process ended and the PID went to a new one.
    cluster.record(
        new LocalCluster.Node(
            seen.name(), seen.pid(), seen.port(), seen.dir(), seen.startedMillis() - 60_000));

    assertEquals(Map.of("broker", false), cluster.stopAll());
    assertTrue(process.isAlive(), "a later process with the same PID is not signalled");
  }

  @Test
  void serverPropertiesGoToAFileOnlyTheOwnerReads() throws Exception {
    Path file = home.resolve("salvo.properties");
    Files.writeString(file, "stale");
    LocalCluster.writeOwnerOnly(
        file, Map.of("salvo.broker.password", "p=a:s s\\w#rd!", "salvo.agentId", "agent-1"));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    java.util.Properties read = new java.util.Properties();
    try (var in = Files.newBufferedReader(file)) {
      read.load(in);
    }
    assertEquals("p=a:s s\\w#rd!", read.getProperty("salvo.broker.password"));
    assertEquals("agent-1", read.getProperty("salvo.agentId"));
    assertEquals(2, read.size());
  }
}
