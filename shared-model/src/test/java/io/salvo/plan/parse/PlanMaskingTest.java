package io.salvo.plan.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanMaskingTest {
  @Test
  void aPlanWithoutSecretsIsShownAsWritten() {
    String plan =
        "# a comment\ntarget: {baseUrl: \"http://127.0.0.1:8080\", headers: {Accept: json}}\n";
    assertEquals(Optional.empty(), PlanMasking.masked(plan, PlanFormat.YAML));
  }

  @Test
  void secretLookingHeadersFieldsFeederFilesAndPrivateKeysAreMasked() throws Exception {
    String plan =
        "target:\n"
            + "  baseUrl: http://127.0.0.1:8080\n"
            + "  headers: {Authorization: 'Bearer s3cr3t-abc', X-Api-Key: k-123, Accept: json}\n"
            + "  tls: {clientKey: {name: c.key, inline: \"-----BEGIN PRIVATE KEY-----\\nMIIE\"}}\n"
            + "feeders:\n"
            + "  - {name: users, file: {name: users.csv, inline: \"user,pw\\nalice,hunter2\\n\"}}\n"
            + "  - {name: codes, rows: [{code: SAVE10, password: pa55}]}\n"
            + "scenarios:\n"
            + "  - name: s\n"
            + "    steps:\n"
            + "      - request: {path: /, headers: {Cookie: sid=42, X-Session-Token: t-9}}\n";
    String masked = PlanMasking.masked(plan, PlanFormat.YAML).orElseThrow();
    for (String secret :
        new String[] {"s3cr3t-abc", "k-123", "MIIE", "hunter2", "pa55", "sid=42", "t-9"}) {
      assertFalse(masked.contains(secret), secret + " in\n" + masked);
    }
    for (String kept : new String[] {"http://127.0.0.1:8080", "SAVE10", "users.csv", "Accept"}) {
      assertTrue(masked.contains(kept), kept + " in\n" + masked);
    }
    assertEquals(7, masked.split(java.util.regex.Pattern.quote(PlanMasking.MASK), -1).length - 1);

    String json = "{\"target\": {\"baseUrl\": \"http://x\", \"headers\": {\"cookie\": \"a=b\"}}}";
    String maskedJson = PlanMasking.masked(json, PlanFormat.JSON).orElseThrow();
    assertEquals(
        "******",
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(maskedJson)
            .path("target")
            .path("headers")
            .path("cookie")
            .asText());
  }
}
