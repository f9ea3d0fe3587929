package io.salvo.plan.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.salvo.plan.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Values out of any sane range are refused with the field named, not stored. */
class BoundsTest {
  private static String problem(String baseUrl, String load, String threshold) {
    String yaml =
        "target: {baseUrl: \""
            + baseUrl
            + "\"}\n"
            + "scenarios:\n"
            + "  - name: s\n"
            + "    steps: [{request: {path: /}}]\n"
            + "    load: ["
            + load
            + "]\n"
            + (threshold == null ? "" : "thresholds: [\"" + threshold + "\"]\n");
    PlanException e =
        assertThrows(PlanException.class, () -> PlanParser.parse("b.yaml", yaml, PlanFormat.YAML));
    return e.problems().get(0).toString();
  }

  private static final String OK_URL = "http://127.0.0.1:8080";
  private static final String OK_LOAD = "{constantRate: {rate: 10, duration: 1s}}";

  @Test
  void portsRatesDurationsAndErrorRates() {
    assertEquals(
        "b.yaml:1:19: target.baseUrl has port 99999: a port is 1 to 65535, was"
            + " 'http://127.0.0.1:99999'",
        problem("http://127.0.0.1:99999", OK_LOAD, null));
    assertEquals(
        "b.yaml:5:34: scenarios[0].load[0].constantRate.rate must be a finite number, was"
            + " Infinity",
        problem(OK_URL, "{constantRate: {rate: 1e309, duration: 1s}}", null));
    assertEquals(
        "b.yaml:5:34: scenarios[0].load[0].constantRate.rate must be at most 10000000 per"
            + " second, was 20000000",
        problem(OK_URL, "{constantRate: {rate: 20000000, duration: 1s}}", null));
    assertEquals(
        "b.yaml:5:47: scenarios[0].load[0].constantRate.duration must be at most 744h (31 days),"
            + " was '1000000000h'",
        problem(OK_URL, "{constantRate: {rate: 1, duration: 1000000000h}}", null));
    assertEquals(
        "b.yaml:6:14: thresholds[0] the limit of errorRate must be between 0% and 100%, was 200%",
        problem(OK_URL, OK_LOAD, "errorRate < 200%"));
    assertEquals(Duration.ofDays(31), Durations.parse("744h"));
  }
}
