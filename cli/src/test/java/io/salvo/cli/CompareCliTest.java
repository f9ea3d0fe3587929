package io.salvo.cli;

import static io.salvo.cli.CliTest.salvo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.target.TargetServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code salvo compare} on two report directories of {@code salvo run}: the second against the same
 * target made 20 ms slower. Exit codes: 1 regressed, 0 unchanged or improved, 2 bad input.
 */
class CompareCliTest {
  @TempDir static Path tmp;

  private static TargetServer target;
  private static Path fast;
  private static Path slow;

  @BeforeAll
  static void twoRuns() throws Exception {
    target = TargetServer.start(0, 1);
    // A first run in a fresh JVM has a compiler-warm-up tail; this one takes it.
    run("warm-up");
    fast = run("fast");
    target.addDelay(20);
    try {
      slow = run("slow");
    } finally {
      target.addDelay(0);
    }
  }

  private static Path run(String name) {
    Path out = tmp.resolve(name);
    CliTest.Outcome o =
        salvo(
            "run",
            "--url",
            target.url() + "/",
            "--rate",
            "100",
            "--duration",
            "2s",
            "--threads",
            "1",
            "--out",
            out.toString());
    assertEquals(0, o.code(), o.toString());
    return out;
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  @Test
  void aSlowerCandidateExitsOneAndSaysWhatRegressed() {
    CliTest.Outcome o = salvo("compare", fast.toString(), slow.toString());
    assertEquals(1, o.code(), o.toString());
    assertTrue(o.out().contains("verdict: regressed"), o.out());
    assertTrue(o.out().matches("(?s).*p50 ms .* regressed.*"), o.out());
    assertTrue(o.out().contains("tolerances throughput=5%"), o.out());
  }

  @Test
  void theSameRunOrAFasterOneExitsZero() {
    CliTest.Outcome same =
        salvo("compare", fast.toString(), fast.resolve("report.json").toString());
    assertEquals(0, same.code(), same.toString());
    assertTrue(same.out().contains("verdict: unchanged"), same.out());
    // The tail of a 2 s run is noise on a busy machine; the median says which run is faster.
    CliTest.Outcome faster =
        salvo("compare", slow.toString(), fast.toString(), "--tolerance", "p99=off,p999=off");
    assertEquals(0, faster.code(), faster.toString());
    assertTrue(faster.out().contains("verdict: improved"), faster.out());
  }

  @Test
  void toleranceOptionsDecideAndJsonIsMachineReadable() throws Exception {
    // Latency not judged: only throughput and errors, which did not change.
    CliTest.Outcome o =
        salvo(
            "compare",
            fast.toString(),
            slow.toString(),
            "--tolerance",
            "p50=off,p90=off,p99=off,p999=off",
            "--json");
    assertEquals(0, o.code(), o.toString());
    var json = new ObjectMapper().readTree(o.out());
    assertEquals("salvo-compare/1", json.path("schema").asText());
    assertEquals("unchanged", json.path("verdict").asText());
    assertEquals("not judged", json.at("/parts/0/metrics/2/verdict").asText());
  }

  @Test
  void badInputExitsTwoNamingTheProblem() {
    CliTest.Outcome o = salvo("compare", fast.toString(), slow.toString(), "--tolerance", "p75=3%");
    assertEquals(2, o.code(), o.toString());
    assertTrue(o.err().contains("--tolerance: unknown tolerance metric 'p75'"), o.err());
    CliTest.Outcome dir = salvo("compare", tmp.toString(), slow.toString());
    assertEquals(2, dir.code(), dir.toString());
    assertTrue(dir.err().contains("holds no report.json"), dir.err());
    CliTest.Outcome baseline = salvo("compare", "baseline", slow.toString());
    assertEquals(2, baseline.code(), baseline.toString());
    assertFalse(baseline.err().contains("\tat "), baseline.err());
  }
}
