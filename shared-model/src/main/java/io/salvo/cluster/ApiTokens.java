package io.salvo.cluster;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The coordinator's API tokens, as the coordinator creates them and as {@code salvo cluster up}
 * writes its admin token: {@value #PREFIX} and 32 random bytes in Base64url.
 */
public final class ApiTokens {
  /** What every token starts with, so that secret scanners and people recognise one. */
  public static final String PREFIX = "salvo_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiTokens() {}

  public static String newToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
