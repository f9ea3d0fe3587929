package io.salvo.examples;

import io.salvo.sdk.SalvoResponse;
import io.salvo.sdk.SalvoResult;
import io.salvo.sdk.SalvoRunner;
import io.salvo.sdk.SalvoScenario;
import io.salvo.sdk.SalvoSimulation;
import io.salvo.sdk.SalvoThreshold;
import java.time.Duration;

/**
 * A single-node HTTP scenario in code: a session logs in, keeps the token the service returns and
 * reads its cart with it, each part timed as a step of its own. Non-blocking: every request goes
 * through Salvo's engine on its event loop.
 *
 * <pre>
 * java -cp salvo-examples.jar io.salvo.examples.HttpScenario http://127.0.0.1:8080 [rate] [seconds]
 * </pre>
 */
public final class HttpScenario {
  private HttpScenario() {}

  /** The scenario against {@code target}. */
  public static SalvoScenario scenario(String target, double rate, Duration duration) {
    return SalvoScenario.createAsync(
            "login-and-cart",
            ctx ->
                ctx.stepAsync(
                        "login",
                        () ->
                            ctx.http()
                                .post(target + "/login", "application/json", "{\"user\":\"ann\"}"))
                    .thenCompose(
                        login -> {
                          if (login.status() >= 400) {
                            return java.util.concurrent.CompletableFuture.completedFuture(
                                SalvoResponse.of(login));
                          }
                          ctx.data().put("token", "t-" + ctx.invocationNumber());
                          return ctx.stepAsync(
                                  "cart",
                                  () ->
                                      ctx.http()
                                          .request("GET", target + "/cart")
                                          .header(
                                              "Authorization", "Bearer " + ctx.data().get("token"))
                                          .send())
                              .thenApply(SalvoResponse::of);
                        }))
        .withLoadSimulations(
            SalvoSimulation.injectPerSec(rate, Duration.ofSeconds(2)).asWarmUp(),
            SalvoSimulation.injectPerSec(rate, duration));
  }

  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 200;
    Duration duration = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
    SalvoResult result =
        SalvoRunner.registerScenarios(scenario(target, rate, duration))
            .withThresholds(SalvoThreshold.of("p99 < 250ms"), SalvoThreshold.of("errorRate < 1%"))
            .run();
    System.exit(result.passed() ? 0 : 1);
  }
}
