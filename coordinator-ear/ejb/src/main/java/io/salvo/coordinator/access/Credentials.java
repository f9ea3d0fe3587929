package io.salvo.coordinator.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Secrets of the API's callers, and how they are kept: API tokens ({@link
 * io.salvo.cluster.ApiTokens}) are stored as their SHA-256 (a token is as strong as a key, so one
 * fast hash suffices and a lookup by hash finds it); passwords are stored as PBKDF2-HMAC-SHA256
 * with a random salt and {@value #ITERATIONS} iterations, in the form {@code
 * pbkdf2-sha256$iterations$salt$hash}.
 */
public final class Credentials {
  static final int ITERATIONS = 210_000;
  public static final int MIN_PASSWORD_LENGTH = 12;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  private Credentials() {}

  /** A short public id for a token, by which it is listed and revoked. */
  public static String newTokenId() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** What the database keeps of a token: its SHA-256, in hex. */
  public static String tokenHash(String token) {
    return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** What the database keeps of a password. */
  public static String hashPassword(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return "pbkdf2-sha256$"
        + ITERATIONS
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(pbkdf2(password, salt, ITERATIONS));
  }

  /** Whether {@code password} is the one {@code stored} was made from; constant time. */
  public static boolean verifyPassword(String password, String stored) {
    String[] p = stored == null ? new String[0] : stored.split("\\$");
    if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) {
      return false;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(p[2]);
      byte[] want = Base64.getDecoder().decode(p[3]);
      return MessageDigest.isEqual(want, pbkdf2(password, salt, Integer.parseInt(p[1])));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  /**
   * @throws IllegalArgumentException saying what a user's or token's name may hold
   */
  public static String checkName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be 1 to 64 letters, digits or . _ @ - (not starting with a sign), was "
              + (name == null ? "missing" : "'" + name + "'"));
    }
    return name;
  }

  /**
   * @throws IllegalArgumentException when the password is too short
   */
  public static String checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    return password;
  }
}
