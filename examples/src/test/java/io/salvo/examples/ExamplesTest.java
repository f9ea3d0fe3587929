package io.salvo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salvo.report.Figures;
import io.salvo.report.Report;
import io.salvo.sdk.SalvoRunner;
import io.salvo.target.TargetServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples run as documented, against real servers on 127.0.0.1. */
class ExamplesTest {
  @TempDir Path dir;

  private static Figures step(Report r, String scenario, String step) {
    return r.scenarios().stream()
        .filter(s -> s.name().equals(scenario))
        .findFirst()
        .orElseThrow()
        .steps()
        .stream()
        .filter(s -> s.name().equals(step))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + step))
        .figures();
  }

  @Test
  void theTcpEchoScenarioMeasuresEachRoundTrip() throws Exception {
    try (TcpEcho.Server server = new TcpEcho.Server()) {
      Report r =
          SalvoRunner.registerScenarios(
                  TcpEcho.scenario("127.0.0.1", server.port(), 50, Duration.ofSeconds(1)))
              .withReportsFolder(dir)
              .withConsole(null)
              .run()
              .report();
      assertEquals(50, step(r, "tcp-echo", "tcp-echo").requests());
      assertEquals(0, r.total().errors(), String.valueOf(r.total().failedChecks()));
      assertEquals(50, step(r, "tcp-echo", "connect").requests());
      assertEquals(50, step(r, "tcp-echo", "round-trip").requests());
      // "ping 0\n" .. "ping 49\n": the bytes the scenario says it received.
      assertEquals(10 * 7 + 40 * 8, step(r, "tcp-echo", "tcp-echo").bytesReceived());
    }
  }

  @Test
  void theHttpScenarioLogsInThenReadsTheCartThroughTheEngine() throws Exception {
    try (TargetServer target = TargetServer.start("127.0.0.1", 0, 1)) {
      Report r =
          SalvoRunner.registerScenarios(
                  HttpScenario.scenario(target.url(), 50, Duration.ofSeconds(1)))
              .withReportsFolder(dir)
              .withConsole(null)
              .run()
              .report();
      assertEquals(50, step(r, "login-and-cart", "login-and-cart").requests());
      assertEquals(50, step(r, "login-and-cart", "login").requests());
      assertEquals(50, step(r, "login-and-cart", "cart").requests());
      assertEquals(0, r.total().errors());
      // Warm-up (2 s at 50/s) and measured: two requests per session.
      assertEquals(2 * (100 + 50), target.requests());
    }
  }
}
