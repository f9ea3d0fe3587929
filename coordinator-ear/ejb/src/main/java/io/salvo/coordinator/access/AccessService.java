package io.salvo.coordinator.access;

import io.salvo.cluster.ApiTokens;
import io.salvo.coordinator.InvalidRequestException;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The API's callers: users (HTTP Basic) and API tokens (bearer), kept in the database ({@link
 * UserRecord}, {@link TokenRecord}), plus one admin token read from the file named by {@value
 * #ADMIN_TOKEN_FILE} ({@code salvo cluster up} writes it; it must be readable by its owner only).
 * That file is how the first admin gets in, and how one gets back in when every admin is gone:
 * write a new token into it. A checked password is remembered for {@link #REMEMBER} (by the hash of
 * name and password), so that a console polling every second does not pay PBKDF2 each time.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AccessService {
  public static final String ADMIN_TOKEN_FILE = "salvo.auth.adminTokenFile";
  static final Duration REMEMBER = Duration.ofSeconds(30);
  private static final Logger LOG = Logger.getLogger(AccessService.class.getName());

  @PersistenceContext(unitName = "salvo")
  EntityManager em;

  private record Remembered(Caller caller, Instant until) {}

  private final Map<String, Remembered> checked = new ConcurrentHashMap<>();
  private volatile FileToken fileToken;

  private record FileToken(Path path, long modified, Set<PosixFilePermission> perms, String hash) {}

  /** A user as set, and whether it is new. */
  public record SetUser(UserRecord user, boolean created) {}

  /** A token as it is created: the only time its secret is known. */
  public record CreatedToken(TokenRecord record, String token) {}

  /** The caller a bearer token stands for, if it is a live token. */
  public Optional<Caller> token(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String hash = Credentials.tokenHash(token.trim());
    String file = adminFileHash();
    if (file != null
        && MessageDigest.isEqual(
            file.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of(new Caller("token:admin-file", Role.ADMIN));
    }
    List<TokenRecord> found =
        em.createQuery("select t from TokenRecord t where t.hash = :h", TokenRecord.class)
            .setParameter("h", hash)
            .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TokenRecord t = found.get(0);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    if (t.lastUsedAt == null || t.lastUsedAt.isBefore(now)) {
      t.lastUsedAt = now;
    }
    return Optional.of(new Caller("token:" + t.name, Role.of(t.role)));
  }

  /** The caller a name and password stand for, if they are a user's. */
  public Optional<Caller> user(String name, String password) {
    if (name == null || password == null) {
      return Optional.empty();
    }
    try {
      Credentials.checkName("name", name);
    } catch (IllegalArgumentException notAName) {
      // No such user can exist (and a database may refuse the characters): as for an unknown one.
      Credentials.verifyPassword(password, unknownUser());
      return Optional.empty();
    }
    String key =
        HexFormat.of()
            .formatHex(
                Credentials.sha256((name + '\0' + password).getBytes(StandardCharsets.UTF_8)));
    Remembered r = checked.get(key);
    Instant now = Instant.now();
    if (r != null && r.until.isAfter(now)) {
      return Optional.of(r.caller);
    }
    UserRecord u = em.find(UserRecord.class, name);
    // An unknown name costs a hash too, so that timing does not tell which names exist.
    if (!Credentials.verifyPassword(password, u == null ? unknownUser() : u.passwordHash)
        || u == null) {
      return Optional.empty();
    }
    Caller c = new Caller(u.name, Role.of(u.role));
    if (checked.size() > 10_000) {
      checked.clear();
    }
    checked.put(key, new Remembered(c, now.plus(REMEMBER)));
    return Optional.of(c);
  }

  private volatile String unknownUserHash;

  /** A password hash that no password given matches in practice (made once, at random). */
  private String unknownUser() {
    String h = unknownUserHash;
    if (h == null) {
      h = Credentials.hashPassword(ApiTokens.newToken());
      unknownUserHash = h;
    }
    return h;
  }

  /**
   * @throws InvalidRequestException naming the field when the name is not one
   */
  public CreatedToken createToken(String name, Role role, String createdBy) {
    checked("name", () -> Credentials.checkName("name", name));
    String token = ApiTokens.newToken();
    TokenRecord t =
        new TokenRecord(
            Credentials.newTokenId(),
            name,
            role,
            Credentials.tokenHash(token),
            createdBy,
            Instant.now());
    em.persist(t);
    return new CreatedToken(t, token);
  }

  public List<TokenRecord> tokens() {
    return em.createQuery("select t from TokenRecord t order by t.createdAt", TokenRecord.class)
        .getResultList();
  }

  /** Whether there was such a token; it no longer works when this returns. */
  public boolean revokeToken(String id) {
    TokenRecord t = em.find(TokenRecord.class, id);
    if (t == null) {
      return false;
    }
    em.remove(t);
    return true;
  }

  /**
   * Creates a user or changes one's role and, when {@code password} is not null, password.
   *
   * @throws InvalidRequestException naming what is wrong with the name or password
   */
  public SetUser setUser(String name, Role role, String password) {
    checked("name", () -> Credentials.checkName("name", name));
    UserRecord u = em.find(UserRecord.class, name);
    if (u == null && password == null) {
      throw new InvalidRequestException("password", "password is required for a new user");
    }
    String hash =
        password == null
            ? null
            : Credentials.hashPassword(
                checked("password", () -> Credentials.checkPassword(password)));
    forgetCheckedPasswords();
    if (u == null) {
      UserRecord created = new UserRecord(name, role, hash, Instant.now());
      em.persist(created);
      return new SetUser(created, true);
    }
    u.role = role.id();
    if (hash != null) {
      u.passwordHash = hash;
    }
    u.updatedAt = Instant.now();
    return new SetUser(u, false);
  }

  @jakarta.annotation.Resource jakarta.transaction.TransactionSynchronizationRegistry transactions;

  /**
   * Forgets the remembered passwords now and again when the change commits, so that a check in
   * between cannot keep an old password or role for {@link #REMEMBER}.
   */
  private void forgetCheckedPasswords() {
    checked.clear();
    transactions.registerInterposedSynchronization(
        new jakarta.transaction.Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            checked.clear();
          }
        });
  }

  /** {@code check}'s result; its refusal as a 400 naming {@code field}. */
  private static String checked(String field, java.util.function.Supplier<String> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field, e.getMessage());
    }
  }

  public List<UserRecord> users() {
    return em.createQuery("select u from UserRecord u order by u.name", UserRecord.class)
        .getResultList();
  }

  public boolean deleteUser(String name) {
    UserRecord u = em.find(UserRecord.class, name);
    forgetCheckedPasswords();
    if (u == null) {
      return false;
    }
    em.remove(u);
    return true;
  }

  /**
   * The SHA-256 of the admin token file's content, reread when the file changes; null without a
   * usable file (unset, missing, empty, or readable by others: that is logged).
   */
  private String adminFileHash() {
    String p = System.getProperty(ADMIN_TOKEN_FILE);
    if (p == null || p.isBlank()) {
      return null;
    }
    Path path = Path.of(p);
    try {
      long modified = Files.getLastModifiedTime(path).toMillis();
      // Read on every call: a chmod does not change the modification time.
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      FileToken f = fileToken;
      if (f != null && f.path.equals(path) && f.modified == modified && f.perms.equals(perms)) {
        return f.hash;
      }
      String hash = null;
      String token = Files.readString(path, StandardCharsets.UTF_8).trim();
      if (perms.stream()
          .anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
        LOG.severe(
            "the admin token file "
                + path
                + " ("
                + ADMIN_TOKEN_FILE
                + ") may be read by others; it is ignored until only its owner may (chmod 600)");
      } else if (token.length() < 20) {
        LOG.severe(
            "the admin token file "
                + path
                + " ("
                + ADMIN_TOKEN_FILE
                + ") holds no token of 20 characters or more; ignored");
      } else {
        hash = Credentials.tokenHash(token);
      }
      fileToken = new FileToken(path, modified, perms, hash);
      return hash;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.severe(
          "the admin token file " + path + " (" + ADMIN_TOKEN_FILE + ") cannot be read: " + e);
      return null;
    }
  }
}
