package io.salvo.bench;

import io.salvo.report.Report;
import io.salvo.sdk.SalvoResponse;
import io.salvo.sdk.SalvoRunner;
import io.salvo.sdk.SalvoScenario;
import io.salvo.sdk.SalvoSimulation;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One side of {@code bench/sdk-vs-yaml.sh}: a code scenario that GETs a URL through the SDK's HTTP
 * client (Salvo's engine, one event loop), closed model. Prints the measured req/s and errors on
 * one line; exits 1 when a request failed or none was measured.
 *
 * <pre>
 * SdkHttpBenchmark URL USERS WARMUP_SECONDS SECONDS REPORT_DIR
 * </pre>
 */
public final class SdkHttpBenchmark {
  private SdkHttpBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int users = Integer.parseInt(args[1]);
    Duration warmup = Duration.ofSeconds(Long.parseLong(args[2]));
    Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
    SalvoScenario get =
        SalvoScenario.createAsync(
                "get",
                ctx ->
                    ctx.http()
                        .request("GET", url)
                        .discardBody()
                        .send()
                        .thenApply(SalvoResponse::of))
            .withLoadSimulations(
                SalvoSimulation.keepConstant(users, warmup).asWarmUp(),
                SalvoSimulation.keepConstant(users, measured));
    Report r =
        SalvoRunner.registerScenarios(get)
            .withThreads(1)
            .withMaxConnections(users)
            .withHttpVersion("1.1")
            .withReportsFolder(Path.of(args[4]))
            .withConsole(null)
            .run()
            .report();
    Report.ScenarioReport s = r.scenarios().get(0);
    System.out.printf(
        "sdk %.1f req/s, %d requests, %d errors%n",
        s.figures().throughput(), s.figures().requests(), s.figures().errors());
    System.exit(s.figures().errors() == 0 && s.figures().requests() > 0 ? 0 : 1);
  }
}
