package io.salvo.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedMessagesTest {
  @TempDir Path dir;

  private static StopRun stop(String cluster, String run) {
    return new StopRun(ClusterMessage.VERSION, cluster, "coordinator", run, "test");
  }

  private static IntervalResult interval(String node, String run, int second) {
    return new IntervalResult(ClusterMessage.VERSION, "c1", node, run, second, List.of());
  }

  @Test
  void aSignedMessageOpensOnceWithTheClustersKey() throws Exception {
    ClusterKeys.generate(dir, "c1");
    SignedMessages agent = new SignedMessages(ClusterKeys.directory(dir));
    SignedMessages coordinator = new SignedMessages(ClusterKeys.directory(dir));
    SignedMessages.Sealed s = agent.seal(interval("a1", "r1", 3));
    SignedMessages.Opened o = coordinator.open(s.body(), s.sequence(), s.signature());
    assertTrue(o.accepted(), o.rejection());
    assertEquals(interval("a1", "r1", 3), o.message());

    SignedMessages.Opened again = coordinator.open(s.body(), s.sequence(), s.signature());
    assertFalse(again.accepted());
    assertEquals(
        "sequence number "
            + s.sequence()
            + " was seen before or is older than the sender's last 8192 (a replayed message)",
        again.rejection());
    assertEquals("node a1 of cluster c1, run r1", again.claimedSender());

    // A message whose handling failed is given back: the broker's redelivery passes.
    SignedMessages.Sealed t = agent.seal(interval("a1", "r1", 4));
    SignedMessages.Opened first = coordinator.open(t.body(), t.sequence(), t.signature());
    coordinator.release(first);
    assertTrue(coordinator.open(t.body(), t.sequence(), t.signature()).accepted());
  }

  @Test
  void forgedAlteredUnsignedAndForeignMessagesAreRefused() throws Exception {
    ClusterKeys.generate(dir, "c1");
    SignedMessages agent = new SignedMessages(ClusterKeys.directory(dir));
    SignedMessages.Sealed s = agent.seal(interval("a1", "r1", 3));

    Path other = Files.createDirectory(dir.resolve("other"));
    ClusterKeys.generate(other, "c1");
    SignedMessages forger = new SignedMessages(ClusterKeys.directory(other));
    SignedMessages.Sealed forged = forger.seal(interval("a1", "r1", 3));

    SignedMessages coordinator = new SignedMessages(ClusterKeys.directory(dir));
    String mismatch = "the signature does not match (forged, altered, or signed with another key)";
    assertEquals(
        mismatch,
        coordinator.open(forged.body(), forged.sequence(), forged.signature()).rejection());
    String altered = s.body().replace("\"second\":3", "\"second\":2");
    assertTrue(altered.contains("\"second\":2"), altered);
    assertEquals(mismatch, coordinator.open(altered, s.sequence(), s.signature()).rejection());
    assertEquals(mismatch, coordinator.open(s.body(), s.sequence() + 1, s.signature()).rejection());
    assertEquals(mismatch, coordinator.open(s.body(), s.sequence(), "not base64!").rejection());
    assertEquals("the message is not signed", coordinator.open(s.body(), null, null).rejection());
    assertEquals(
        "cluster c2 has no signing key (" + dir.resolve("c2.key") + ")",
        assertThrows(IllegalStateException.class, () -> agent.seal(stop("c2", "r1"))).getMessage());
    assertEquals(
        "cluster c2 has no signing key here",
        coordinator.open(MessageCodec.encode(stop("c2", "r1")), 1L, "AAAA").rejection());
    // The genuine one still passes after all that.
    assertTrue(coordinator.open(s.body(), s.sequence(), s.signature()).accepted());
    assertThrows(IllegalArgumentException.class, () -> coordinator.open("{}", 1L, "AAAA"));
  }

  @Test
  void outOfOrderNumbersPassAndOnesTooOldAreRefused() {
    ReplayWindow w = new ReplayWindow();
    assertTrue(w.claim("a", 100));
    assertTrue(w.claim("a", 98));
    assertTrue(w.claim("a", 99));
    assertFalse(w.claim("a", 98));
    assertTrue(w.claim("b", 98));
    assertTrue(w.claim("a", 100 + ReplayWindow.SIZE));
    assertFalse(w.claim("a", 100), "too old to tell");
    assertTrue(w.claim("a", 101));
    assertFalse(w.claim("a", 101));
    assertTrue(w.claim("a", 1_000_000));
    assertFalse(w.claim("a", 100 + ReplayWindow.SIZE));
  }

  @Test
  void withoutKeysNothingIsSignedOrChecked() {
    SignedMessages none = new SignedMessages(ClusterKeys.none());
    SignedMessages.Sealed s = none.seal(stop("c1", "r1"));
    assertEquals(null, s.signature());
    assertTrue(none.open(s.body(), null, null).accepted());
  }

  @Test
  void badKeysStopAtTheStartNamingTheFile() throws Exception {
    assertEquals(
        "the signing keys directory " + dir.resolve("missing") + " (salvo.keysDir) does not exist",
        assertThrows(
                IllegalArgumentException.class, () -> ClusterKeys.directory(dir.resolve("missing")))
            .getMessage());
    Path shortKey = dir.resolve("c1.key");
    Files.writeString(shortKey, "c2hvcnQ=\n");
    Files.setPosixFilePermissions(shortKey, PosixFilePermissions.fromString("rw-------"));
    assertEquals(
        "the signing key " + shortKey + " has 5 bytes; it needs at least 32 random bytes",
        assertThrows(IllegalArgumentException.class, () -> ClusterKeys.directory(dir))
            .getMessage());
    Files.writeString(shortKey, "%%% not base64 %%%\n");
    assertEquals(
        "the signing key " + shortKey + " is not Base64 text",
        assertThrows(IllegalArgumentException.class, () -> ClusterKeys.directory(dir))
            .getMessage());
    Files.delete(shortKey);
    Path open = ClusterKeys.generate(dir, "c2");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(
        "the signing key "
            + open
            + " may be read or written by others (rw-r--r--); make it readable by its owner only"
            + " (chmod 600)",
        assertThrows(IllegalArgumentException.class, () -> ClusterKeys.directory(dir))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClusterKeys.file(dir, "../etc/passwd"));
  }
}
