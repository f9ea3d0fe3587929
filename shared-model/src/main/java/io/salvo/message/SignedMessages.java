package io.salvo.message;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the messages a process sends and checks those it receives, with its cluster's key ({@link
 * ClusterKeys}): HMAC-SHA256 over the message's type, cluster, sender, run and a sequence number,
 * then its JSON body. The sequence number and the signature travel as the JMS properties {@link
 * #SEQUENCE} and {@link #SIGNATURE}. A received message is refused when its cluster has no key, it
 * carries no signature, the signature does not match (forged, altered, or signed with another
 * cluster's key) or its sequence number was used before (replayed; {@link ReplayWindow}).
 *
 * <p>A process numbers its messages from its start time in microseconds upwards, so its numbers
 * keep growing across restarts while it sends fewer than a million messages a second on average.
 * With {@link ClusterKeys#none()}, messages go unsigned and are taken unchecked. Thread-safe.
 */
public final class SignedMessages {
  /** JMS property: the sender's sequence number (a long). */
  public static final String SEQUENCE = "salvoSeq";

  /** JMS property: the Base64 HMAC-SHA256 signature. */
  public static final String SIGNATURE = "salvoSig";

  private static final String ALGORITHM = "HmacSHA256";

  private final ClusterKeys keys;
  private final AtomicLong sequence;
  private final ReplayWindow window = new ReplayWindow();

  public SignedMessages(ClusterKeys keys) {
    this(keys, System.currentTimeMillis() * 1_000);
  }

  /** Numbering from {@code lastSequence + 1}: an old sender, for tests of replays. */
  public SignedMessages(ClusterKeys keys, long lastSequence) {
    this.keys = keys;
    this.sequence = new AtomicLong(lastSequence);
  }

  public ClusterKeys keys() {
    return keys;
  }

  /** A message ready to send: its body and, when signing is on, the properties to set. */
  public record Sealed(String body, long sequence, String signature) {}

  /**
   * What a received message turned out to be: accepted ({@code rejection} null) or refused, with
   * what it claims to be (its type, cluster, sender and run) for the log and the run's count.
   */
  public record Opened(ClusterMessage message, String rejection, long sequence) {
    public boolean accepted() {
      return rejection == null;
    }

    /** The log line of a refused message: its type, who it claims to be from, and why. */
    public String refusal() {
      return "refused a message of type "
          + message.type()
          + " from "
          + claimedSender()
          + ": "
          + rejection;
    }

    /** Who the message says it is from, for a log line: "node n of cluster c, run r". */
    public String claimedSender() {
      String run = runId(message);
      return "node "
          + message.nodeId()
          + " of cluster "
          + message.clusterId()
          + (run == null ? "" : ", run " + run);
    }
  }

  /**
   * Encodes and signs a message.
   *
   * @throws IllegalStateException when signing is on and the message's cluster has no key
   */
  public Sealed seal(ClusterMessage m) {
    String body = MessageCodec.encode(m);
    if (!keys.enabled()) {
      return new Sealed(body, 0, null);
    }
    byte[] key =
        keys.key(m.clusterId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "cluster "
                            + m.clusterId()
                            + " has no signing key ("
                            + ClusterKeys.file(keys.dir(), m.clusterId())
                            + ")"));
    long seq = sequence.incrementAndGet();
    return new Sealed(body, seq, sign(key, m, seq, body));
  }

  /**
   * Decodes and checks a received message.
   *
   * @param sequence the {@link #SEQUENCE} property, or null when absent
   * @param signature the {@link #SIGNATURE} property, or null when absent
   * @throws IllegalArgumentException when the body is not a Salvo message at all (poison)
   */
  public Opened open(String body, Long sequence, String signature) {
    ClusterMessage m = MessageCodec.decode(body);
    if (!keys.enabled()) {
      return new Opened(m, null, 0);
    }
    Optional<byte[]> key;
    try {
      key = keys.key(m.clusterId());
    } catch (IllegalArgumentException e) {
      return new Opened(m, e.getMessage(), 0);
    }
    if (key.isEmpty()) {
      return new Opened(m, "cluster " + m.clusterId() + " has no signing key here", 0);
    }
    if (sequence == null || signature == null) {
      return new Opened(m, "the message is not signed", 0);
    }
    byte[] expected = mac(key.get(), m, sequence, body);
    byte[] given;
    try {
      given = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      given = new byte[0];
    }
    if (!MessageDigest.isEqual(expected, given)) {
      return new Opened(
          m,
          "the signature does not match (forged, altered, or signed with another key)",
          sequence);
    }
    if (!window.claim(sender(m), sequence)) {
      return new Opened(
          m,
          "sequence number "
              + sequence
              + " was seen before or is older than the sender's last "
              + ReplayWindow.SIZE
              + " (a replayed message)",
          sequence);
    }
    return new Opened(m, null, sequence);
  }

  /**
   * Gives back an accepted message's sequence number when its handling failed, so that the broker's
   * redelivery of it is accepted.
   */
  public void release(Opened o) {
    if (keys.enabled() && o.accepted()) {
      window.release(sender(o.message()), o.sequence());
    }
  }

  private static String sender(ClusterMessage m) {
    return m.clusterId() + "/" + m.nodeId();
  }

  static String sign(byte[] key, ClusterMessage m, long seq, String body) {
    return Base64.getEncoder().encodeToString(mac(key, m, seq, body));
  }

  private static byte[] mac(byte[] key, ClusterMessage m, long seq, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      String run = runId(m);
      String head =
          "salvo-signed-v1\n"
              + m.type()
              + "\n"
              + m.clusterId()
              + "\n"
              + m.nodeId()
              + "\n"
              + (run == null ? "" : run)
              + "\n"
              + seq
              + "\n";
      mac.update(head.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The run a message belongs to, or null. */
  public static String runId(ClusterMessage m) {
    if (m instanceof IntervalResult r) {
      return r.runId();
    }
    if (m instanceof FinalResult f) {
      return f.runId();
    }
    if (m instanceof Assignment a) {
      return a.runId();
    }
    if (m instanceof StopRun s) {
      return s.runId();
    }
    if (m instanceof AgentHeartbeat h) {
      return h.runId();
    }
    return null;
  }
}
