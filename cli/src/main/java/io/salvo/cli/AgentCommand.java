package io.salvo.cli;

import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.engine.node.AgentCore;
import io.salvo.sdk.ScenarioProvider;
import io.salvo.sdk.agent.LightAgent;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code salvo agent}: an agent as a plain process, no WildFly. */
@Command(
    name = "agent",
    description = {
      "Run an agent as a plain process (no WildFly): it joins a cluster through the broker, takes"
          + " its share of the cluster's runs like a WildFly agent, and serves its status at"
          + " http://HOST:PORT/status and /health until stopped.",
      "The broker password comes from the environment variable SALVO_BROKER_PASSWORD, never the"
          + " command line."
    })
final class AgentCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--broker",
      required = true,
      paramLabel = "URL",
      description =
          "The broker: tcp://HOST:61616 for a standalone Artemis broker; for a coordinator's"
              + " embedded broker tcp://HOST:8080?httpUpgradeEnabled=true (its HTTP port). TLS"
              + " options go in the URL: sslEnabled=true&trustStorePath=...")
  String broker;

  @Option(
      names = "--cluster-id",
      defaultValue = "default",
      description = "The agent's cluster (default 'default').")
  String clusterId;

  @Option(names = "--group", description = "The agent's group.")
  String group;

  @Option(names = "--id", description = "The agent's id (default: this host's name).")
  String id;

  @Option(
      names = "--broker-user",
      description = "The broker user (default salvo-agent-<cluster id>).")
  String brokerUser;

  @Option(
      names = "--keys-dir",
      paramLabel = "DIR",
      description =
          "The directory of the cluster's signing key, <cluster id>.key; without it messages go"
              + " unsigned (and the coordinator must accept that).")
  Path keysDir;

  @Option(
      names = "--allowed-targets",
      defaultValue = "loopback",
      description = "Where this agent lets load go (default 'loopback', this machine only).")
  String allowedTargets;

  @Option(names = "--capacity", defaultValue = "1", description = "Relative weight (default 1).")
  int capacity;

  @Option(names = "--threads", description = "Event loops for the load (default: cores).")
  Integer threads;

  @Option(
      names = "--status-host",
      defaultValue = "127.0.0.1",
      description =
          "Address of the status API, which the coordinator must reach (default 127.0.0.1).")
  String statusHost;

  @Option(
      names = "--status-port",
      defaultValue = "8090",
      description = "Port of the status API (default 8090; 0: any).")
  int statusPort;

  @Option(
      names = "--plan-scenarios",
      paramLabel = "JAR",
      description =
          "A jar of code scenarios (Salvo's SDK, listed in"
              + " META-INF/services/io.salvo.sdk.ScenarioProvider) that plans name in code: steps.")
  Path planScenarios;

  @Option(
      names = "--broker-wait",
      defaultValue = "60s",
      description = "How long to keep trying to reach the broker at the start (default 60s).")
  Duration brokerWait;

  @Override
  public Integer call() throws Exception {
    TargetAllowList allowed;
    try {
      allowed = TargetAllowList.parse(allowedTargets);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--allowed-targets: " + e.getMessage());
    }
    CodeRegistry code = CodeRegistry.empty();
    if (planScenarios != null) {
      try {
        code = ScenarioProvider.load(planScenarios);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--plan-scenarios " + e.getMessage());
      }
    }
    String agentId = id != null ? id : InetAddress.getLocalHost().getHostName();
    String password = System.getenv("SALVO_BROKER_PASSWORD");
    String user = brokerUser != null ? brokerUser : "salvo-agent-" + clusterId;
    LightAgent agent;
    try {
      agent =
          LightAgent.start(
              new LightAgent.Options(
                  new AgentCore.Identity(
                      agentId,
                      clusterId,
                      group,
                      capacity,
                      threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                      null,
                      allowed),
                  broker,
                  user,
                  password,
                  keysDir,
                  statusHost,
                  statusPort,
                  brokerWait,
                  code));
    } catch (LightAgent.StartException e) {
      throw new UsageException(e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  stopped.countDown();
                }));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "salvo agent: "
            + agentId
            + " joined cluster "
            + clusterId
            + (group == null ? "" : ", group " + group)
            + " through "
            + broker
            + (code.isEmpty() ? "" : "; code scenarios: " + String.join(", ", code.names()))
            + "; status at "
            + agent.statusUri());
    out.flush();
    stopped.await();
    return ExitCodes.PASSED;
  }
}
