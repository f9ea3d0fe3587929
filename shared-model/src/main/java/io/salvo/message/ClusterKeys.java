package io.salvo.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The clusters' signing keys: one secret per cluster, shared by its coordinator and its agents, in
 * a directory of files named {@code <clusterId>.key}, each holding at least 32 random bytes in
 * Base64 and readable by its owner only (a file that others may read is refused: the key is what
 * makes a message trustworthy). Keys are read on first use and kept. {@link #none()} is a process
 * that signs nothing and checks nothing. Thread-safe.
 */
public final class ClusterKeys {
  /** The system property that names the directory. */
  public static final String PROPERTY = "salvo.keysDir";

  /** The fewest bytes a key may have (HMAC-SHA256's block of output). */
  public static final int MIN_BYTES = 32;

  private static final Pattern CLUSTER_ID = io.salvo.plan.Names.PATTERN;

  private final Path dir;
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

  private ClusterKeys(Path dir) {
    this.dir = dir;
  }

  /** No keys: messages are neither signed nor checked. */
  public static ClusterKeys none() {
    return new ClusterKeys(null);
  }

  /**
   * The keys in a directory; every {@code *.key} file in it is read and checked now, so a bad key
   * stops a server at its start rather than at its first message.
   *
   * @throws IllegalArgumentException naming the directory or the file and what is wrong with it
   */
  public static ClusterKeys directory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "the signing keys directory " + dir + " (" + PROPERTY + ") does not exist");
    }
    ClusterKeys k = new ClusterKeys(dir);
    try (var files = Files.list(dir)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".key"))
          .forEach(n -> k.key(n.substring(0, n.length() - 4)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list the signing keys directory " + dir, e);
    }
    return k;
  }

  /** From {@link #PROPERTY}: {@link #none()} when it is not set. */
  public static ClusterKeys fromSystemProperties() {
    String d = System.getProperty(PROPERTY, "");
    return d.isBlank() ? none() : directory(Path.of(d));
  }

  /** Whether messages are signed and checked. */
  public boolean enabled() {
    return dir != null;
  }

  /** Where the keys are, for messages; null when there are none. */
  public Path dir() {
    return dir;
  }

  /**
   * The key of a cluster; empty when signing is off or the cluster has no key file.
   *
   * @throws IllegalArgumentException when the cluster's key file is not a valid key
   */
  public Optional<byte[]> key(String clusterId) {
    if (dir == null || clusterId == null || !CLUSTER_ID.matcher(clusterId).matches()) {
      return Optional.empty();
    }
    byte[] k = keys.get(clusterId);
    if (k != null) {
      return Optional.of(k);
    }
    Path file = file(dir, clusterId);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    k = read(file);
    keys.put(clusterId, k);
    return Optional.of(k);
  }

  /** The file that holds a cluster's key in {@code dir}. */
  public static Path file(Path dir, String clusterId) {
    if (!CLUSTER_ID.matcher(clusterId).matches()) {
      throw new IllegalArgumentException(
          "cluster id '" + clusterId + "' cannot name a key file (letters, digits, '.', '_', '-')");
    }
    return dir.resolve(clusterId + ".key");
  }

  private static byte[] read(Path file) {
    try {
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null) {
        Set<PosixFilePermission> p = posix.readAttributes().permissions();
        p.retainAll(
            EnumSet.of(
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE));
        if (!p.isEmpty()) {
          throw new IllegalArgumentException(
              "the signing key "
                  + file
                  + " may be read or written by others ("
                  + PosixFilePermissions.toString(posix.readAttributes().permissions())
                  + "); make it readable by its owner only (chmod 600)");
        }
      }
      byte[] k =
          Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
      if (k.length < MIN_BYTES) {
        throw new IllegalArgumentException(
            "the signing key "
                + file
                + " has "
                + k.length
                + " bytes; it needs at least "
                + MIN_BYTES
                + " random bytes");
      }
      return k;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the signing key " + file, e);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("the signing key")) {
        throw e;
      }
      throw new IllegalArgumentException("the signing key " + file + " is not Base64 text", e);
    }
  }

  /**
   * Writes a new random key for a cluster into {@code dir} (created if needed), readable by its
   * owner only, unless one is there already.
   *
   * @return the key file
   */
  public static Path generate(Path dir, String clusterId) throws IOException {
    Path file = file(dir, clusterId);
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(dir);
    byte[] k = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(k);
    Path tmp = Files.createTempFile(dir, clusterId, ".tmp");
    if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    }
    Files.writeString(tmp, Base64.getEncoder().encodeToString(k) + "\n");
    Files.move(tmp, file);
    return file;
  }
}
