package io.salvo.examples;

import io.salvo.plan.NodeType;
import io.salvo.sdk.SalvoResponse;
import io.salvo.sdk.SalvoResult;
import io.salvo.sdk.SalvoRunner;
import io.salvo.sdk.SalvoScenario;
import io.salvo.sdk.SalvoSimulation;
import io.salvo.sdk.SalvoThreshold;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One program for every machine of a cluster: the coordinator submits two orders itself, while the
 * agents poll for their completion at a constant rate, split exactly between them.
 *
 * <pre>
 * java -cp salvo-examples.jar io.salvo.examples.OrdersCluster agent         # on each agent machine
 * java -cp salvo-examples.jar io.salvo.examples.OrdersCluster coordinator   # then on one more
 * java -cp salvo-examples.jar io.salvo.examples.OrdersCluster local         # all in one JVM
 * </pre>
 *
 * Settings (system properties): {@code orders.target} (the service, default {@code
 * http://127.0.0.1:8080}), {@code orders.rate} (polls per second, default 100), {@code
 * orders.duration} (default 30s), {@code orders.agents} (default 2), {@code salvo.broker} (default
 * {@code tcp://127.0.0.1:61616}), {@code salvo.brokerUser}, {@code salvo.keysDir}, {@code
 * salvo.agentId}, {@code salvo.reports}, {@code salvo.threads}; the broker password comes from the
 * environment variable {@code SALVO_BROKER_PASSWORD}. Exit code 0 when the run passed.
 */
public final class OrdersCluster {
  private OrdersCluster() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "local";
    String target = System.getProperty("orders.target", "http://127.0.0.1:8080");
    double rate = Double.parseDouble(System.getProperty("orders.rate", "100"));
    Duration duration = Duration.parse("PT" + System.getProperty("orders.duration", "30s"));
    int agents = Integer.getInteger("orders.agents", 2);

    var submit =
        SalvoScenario.create(
                "submit-orders",
                ctx ->
                    SalvoResponse.of(
                        ctx.http()
                            .post(target + "/orders", "application/json", "{\"item\":\"book\"}")
                            .join()))
            .withLoadSimulations(SalvoSimulation.iterationsForConstant(1, 2));
    var wait =
        SalvoScenario.createAsync(
                "wait-for-completion",
                ctx ->
                    ctx.http()
                        .get(target + "/orders/" + ctx.invocationNumber() % 100)
                        .thenApply(SalvoResponse::of))
            .withLoadSimulations(SalvoSimulation.injectPerSec(rate, duration));

    SalvoRunner runner =
        SalvoRunner.registerScenarios(submit, wait)
            .withPlanName("orders")
            .withClusterId("orders-cluster")
            .withAgentGroup("perf-agents")
            .withAgentsCount(agents)
            .withCoordinatorTargetScenarios("submit-orders")
            .withAgentTargetScenarios("wait-for-completion")
            .withThresholds(SalvoThreshold.forScenario("wait-for-completion", "errorRate < 1%"));
    if (Integer.getInteger("salvo.threads") != null) {
      runner.withThreads(Integer.getInteger("salvo.threads"));
    }
    if (System.getProperty("salvo.reports") != null) {
      runner.withReportsFolder(Path.of(System.getProperty("salvo.reports")));
    }
    switch (mode) {
      case "local" -> runner.withLocalDevCluster(agents);
      case "coordinator", "agent" -> {
        runner
            .withNodeType(mode.equals("agent") ? NodeType.AGENT : NodeType.COORDINATOR)
            .withBroker(
                System.getProperty("salvo.broker", "tcp://127.0.0.1:61616"),
                System.getProperty("salvo.brokerUser"),
                System.getenv("SALVO_BROKER_PASSWORD"));
        if (System.getProperty("salvo.keysDir") != null) {
          runner.withKeysDir(Path.of(System.getProperty("salvo.keysDir")));
        }
        if (System.getProperty("salvo.agentId") != null) {
          runner.withAgentId(System.getProperty("salvo.agentId"));
        }
      }
      default -> {
        System.err.println("usage: OrdersCluster local|coordinator|agent");
        System.exit(2);
      }
    }
    SalvoResult result = runner.run();
    System.exit(result == null || result.passed() ? 0 : 1);
  }
}
