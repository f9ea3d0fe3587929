package io.salvo.coordinator.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.cluster.ApiTokens;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  @Test
  void tokensAreRandomPrefixedAndKeptAsTheirSha256() {
    String a = ApiTokens.newToken();
    String b = ApiTokens.newToken();
    assertNotEquals(a, b);
    assertTrue(a.startsWith("salvo_") && a.length() == 6 + 43, a);
    assertEquals(64, Credentials.tokenHash(a).length());
    assertEquals(Credentials.tokenHash(a), Credentials.tokenHash(a));
    assertNotEquals(Credentials.tokenHash(a), Credentials.tokenHash(b));
    // the SHA-256 of "abc"
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Credentials.tokenHash("abc"));
  }

  @Test
  void passwordsAreSaltedAndVerified() {
    String h1 = Credentials.hashPassword("correct horse battery");
    String h2 = Credentials.hashPassword("correct horse battery");
    assertNotEquals(h1, h2, "each hash has its own salt");
    assertTrue(h1.startsWith("pbkdf2-sha256$" + Credentials.ITERATIONS + "$"), h1);
    assertTrue(Credentials.verifyPassword("correct horse battery", h1));
    assertTrue(Credentials.verifyPassword("correct horse battery", h2));
    assertFalse(Credentials.verifyPassword("correct horse batterY", h1));
    assertFalse(Credentials.verifyPassword("correct horse battery", "plain"));
    assertFalse(Credentials.verifyPassword("correct horse battery", null));
    assertFalse(Credentials.verifyPassword("x", "pbkdf2-sha256$1$!!$!!"));
  }

  @Test
  void namesAndPasswordsAreChecked() {
    assertEquals("ci-nightly", Credentials.checkName("name", "ci-nightly"));
    assertEquals("ana@example.org", Credentials.checkName("name", "ana@example.org"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Credentials.checkName("name", "-x"));
    assertTrue(e.getMessage().startsWith("name must be"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Credentials.checkName("name", "a b"));
    assertThrows(IllegalArgumentException.class, () -> Credentials.checkName("name", null));
    assertThrows(
        IllegalArgumentException.class, () -> Credentials.checkName("name", "x".repeat(65)));
    e = assertThrows(IllegalArgumentException.class, () -> Credentials.checkPassword("short"));
    assertEquals("password must have at least 12 characters", e.getMessage());
  }

  @Test
  void eachRoleHoldsTheLowerOnes() {
    assertEquals(Set.of("viewer"), Role.VIEWER.grants());
    assertEquals(Set.of("viewer", "operator"), Role.OPERATOR.grants());
    assertEquals(Set.of("viewer", "operator", "admin"), Role.ADMIN.grants());
    assertEquals(Role.OPERATOR, Role.of(" Operator "));
    assertEquals(Optional.of(Role.ADMIN), Role.highest(Role.ADMIN.grants()::contains));
    assertEquals(Optional.of(Role.OPERATOR), Role.highest(Role.OPERATOR.grants()::contains));
    assertEquals(Optional.empty(), Role.highest(r -> false));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Role.of("root"));
    assertEquals("role must be one of viewer, operator, admin, was 'root'", e.getMessage());
  }
}
