package io.salvo.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiAuthenticationTest {
  @Test
  void credentialsOverPlainHttpAreTakenFromThisMachineOnly() {
    assertTrue(ApiAuthentication.credentialsTaken(false, "127.0.0.1", null));
    assertTrue(ApiAuthentication.credentialsTaken(false, "127.0.0.2", "loopback"));
    assertTrue(ApiAuthentication.credentialsTaken(false, "0:0:0:0:0:0:0:1", null));
    assertFalse(ApiAuthentication.credentialsTaken(false, "10.1.2.3", null));
    assertFalse(ApiAuthentication.credentialsTaken(false, "2001:db8::1", "loopback"));
  }

  @Test
  void httpsAndTheAnySettingTakeThemFromAnywhere() {
    assertTrue(ApiAuthentication.credentialsTaken(true, "10.1.2.3", null));
    assertTrue(ApiAuthentication.credentialsTaken(false, "10.1.2.3", "any"));
  }
}
