package io.salvo.plan.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Documents built to exhaust a parser are refused at once, with the problem named. */
class HostileDocumentsTest {
  private static final String PLAN_TAIL =
      "scenarios:\n"
          + "  - name: s\n"
          + "    steps: [{request: {path: /, headers: {x: *a9}}}]\n"
          + "    load: [{constantRate: {rate: 1, duration: 1s}}]\n";

  private static PlanException refused(String text, PlanFormat format) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> assertThrows(PlanException.class, () -> PlanParser.parse("h", text, format)));
  }

  @Test
  void aBillionLaughsIsRefusedAtItsAlias() {
    StringBuilder y = new StringBuilder("target: {baseUrl: \"http://127.0.0.1:8080\"}\n");
    y.append("x-lol: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (int i = 1; i < 10; i++) {
      y.append("x-").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ",").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    y.append(PLAN_TAIL);
    PlanException e = refused(y.toString(), PlanFormat.YAML);
    assertEquals(
        "h:3:11: uses the YAML alias '*a0': plans do not take anchors and aliases, write the value"
            + " out",
        e.problems().stream()
            .filter(p -> p.message().contains("alias"))
            .findFirst()
            .orElseThrow()
            .toString());
  }

  @Test
  void deepNestingIsRefused() {
    String expected = "malformed %s: is nested deeper than 1000 levels";
    String lists = "[".repeat(100_000) + "]".repeat(100_000);
    assertMessage(expected.formatted("YAML"), refused(lists, PlanFormat.YAML));
    assertMessage(expected.formatted("JSON"), refused(lists, PlanFormat.JSON));
    String maps = "{a: ".repeat(100_000) + "}".repeat(100_000);
    assertMessage(expected.formatted("YAML"), refused(maps, PlanFormat.YAML));
  }

  private static void assertMessage(String expected, PlanException e) {
    assertEquals(expected, e.problems().get(0).message());
  }
}
