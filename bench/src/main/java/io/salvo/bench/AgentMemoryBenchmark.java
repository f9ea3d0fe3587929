package io.salvo.bench;

import io.salvo.cli.cluster.LocalCluster;
import io.salvo.message.ClusterKeys;
import io.salvo.plan.NodeType;
import io.salvo.report.Report;
import io.salvo.sdk.SalvoResponse;
import io.salvo.sdk.SalvoRunner;
import io.salvo.sdk.SalvoScenario;
import io.salvo.sdk.SalvoSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The resident memory of an agent while it drives a steady rate, for a standalone agent ({@code
 * salvo agent}, no WildFly) and a WildFly agent, one after the other, on one standalone Artemis
 * broker; the SDK's coordinator (in this JVM) runs the same plan on each. RSS is sampled every 250
 * ms during the measured window; the run's merged count must equal rate x duration with no error,
 * or the benchmark fails.
 *
 * <pre>
 * AgentMemoryBenchmark TARGET_URL RATE SECONDS [LIGHT_JAVA_OPTS]
 * </pre>
 */
public final class AgentMemoryBenchmark {
  private static final String CLUSTER = "memory";
  private static final int BROKER_PORT = 62_216;
  private static final int OFFSET = 950;

  private AgentMemoryBenchmark() {}

  record Figures(String agent, long requests, long errors, long medianKb, long peakKb) {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int rate = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    String lightOpts = args.length > 3 ? args[3] : "";
    Path home = Path.of(System.getProperty("salvo.home", ".")).toAbsolutePath().normalize();
    Path state = home.resolve("bench/target/agent-memory");
    LocalCluster cluster = new LocalCluster(home, state);
    cluster.stopAll();
    List<Figures> out = new ArrayList<>();
    try {
      cluster.startBroker("broker", BROKER_PORT, false, CLUSTER);
      Map<String, String> user = cluster.brokerUser(CLUSTER);
      // The standalone agent, as shipped: java -jar salvo.jar agent.
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      if (!lightOpts.isBlank()) {
        command.addAll(List.of(lightOpts.trim().split("\\s+")));
      }
      command.addAll(
          List.of(
              "-jar",
              home.resolve("cli/target/salvo.jar").toString(),
              "agent",
              "--broker",
              "tcp://127.0.0.1:" + BROKER_PORT,
              "--cluster-id",
              CLUSTER,
              "--id",
              "light",
              "--group",
              "light",
              "--broker-user",
              user.get("salvo.broker.user"),
              "--keys-dir",
              cluster.signingKeys(CLUSTER).toString(),
              "--status-port",
              "0",
              "--threads",
              "1"));
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.redirectOutput(state.resolve("light.log").toFile());
      pb.environment().put("SALVO_BROKER_PASSWORD", user.get("salvo.broker.password"));
      Process light = pb.start();
      try {
        out.add(measure(cluster, "salvo agent", "light", light.pid(), url, rate, seconds));
      } finally {
        light.destroy();
        light.waitFor(20, TimeUnit.SECONDS);
      }
      Map<String, String> p = new LinkedHashMap<>();
      p.put("salvo.agentId", "wildfly");
      p.put("salvo.clusterId", CLUSTER);
      p.put("salvo.agentGroup", "wildfly");
      p.put("salvo.broker.host", "127.0.0.1");
      p.put("salvo.broker.port", Integer.toString(BROKER_PORT));
      p.putAll(user);
      p.put(ClusterKeys.PROPERTY, cluster.signingKeys(CLUSTER).toString());
      p.put("salvo.threads", "1");
      LocalCluster.Node war =
          cluster.start(new LocalCluster.NodeSpec("wildfly", "agent-standalone-broker", OFFSET, p));
      out.add(measure(cluster, "WildFly agent", "wildfly", war.pid(), url, rate, seconds));
    } finally {
      cluster.stopAll();
    }
    System.out.printf(
        "%n%d req/s for %d s through one agent (1 event loop); RSS sampled every 250 ms%n",
        rate, seconds);
    System.out.printf(
        "%-14s %10s %7s %12s %10s%n", "agent", "requests", "errors", "median RSS", "peak RSS");
    boolean ok = true;
    for (Figures f : out) {
      System.out.printf(
          "%-14s %10d %7d %9d MB %7d MB%n",
          f.agent(), f.requests(), f.errors(), f.medianKb() / 1024, f.peakKb() / 1024);
      ok &= f.errors() == 0 && f.requests() == (long) rate * seconds;
    }
    if (out.size() == 2) {
      System.out.printf(
          "ratio salvo agent / WildFly agent: %.2f x median RSS, %.2f x peak RSS%n",
          (double) out.get(0).medianKb() / out.get(1).medianKb(),
          (double) out.get(0).peakKb() / out.get(1).peakKb());
    }
    if (!ok) {
      System.out.println("FAILED: a run had errors or did not send rate x duration requests");
      System.exit(1);
    }
  }

  /** Runs the plan on the agent of {@code group} while sampling that process's RSS. */
  private static Figures measure(
      LocalCluster cluster, String name, String group, long pid, String url, int rate, int seconds)
      throws Exception {
    Properties servers = cluster.brokerProperties();
    Path plan = Files.createTempFile("memory-plan", ".yaml");
    Files.writeString(
        plan,
        """
        name: agent-memory
        target:
          baseUrl: %s
        cluster:
          clusterId: %s
          agentGroup: %s
          agentsCount: 1
          agentsTimeout: 180s
        scenarios:
          - name: steady
            steps:
              - request: {path: /}
            load:
              - constantRate: {rate: %d, duration: 5s, warmup: true}
              - constantRate: {rate: %d, duration: %ds}
        """
            .formatted(url, CLUSTER, group, rate, rate, seconds));
    // Every sample, stamped; the measured window is read off the report afterwards.
    List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean done = new AtomicBoolean();
    Thread sampler =
        new Thread(
            () -> {
              while (!done.get()) {
                long kb = rssKb(pid);
                if (kb > 0) {
                  samples.add(new long[] {System.currentTimeMillis(), kb});
                }
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();
    Report r;
    try {
      r =
          SalvoRunner.registerScenarios(
                  SalvoScenario.create("unused", ctx -> SalvoResponse.ok())
                      .withLoadSimulations(SalvoSimulation.injectPerSec(1, Duration.ofSeconds(1))))
              .withPlan(plan)
              .withNodeType(NodeType.COORDINATOR)
              .withBroker(
                  "tcp://127.0.0.1:" + BROKER_PORT,
                  servers.getProperty("salvo.broker.user"),
                  servers.getProperty("salvo.broker.password"))
              .withKeysDir(cluster.signingKeys(CLUSTER))
              .withBrokerWait(Duration.ofSeconds(30))
              .withReportsFolder(Files.createTempDirectory("memory-report"))
              .withConsole(null)
              .run()
              .report();
    } finally {
      done.set(true);
      sampler.join();
    }
    long from = r.startedAt().toEpochMilli() + 5_000;
    long to = from + seconds * 1_000L;
    List<Long> sorted = new ArrayList<>();
    synchronized (samples) {
      for (long[] sample : samples) {
        if (sample[0] >= from && sample[0] <= to) {
          sorted.add(sample[1]);
        }
      }
    }
    Collections.sort(sorted);
    long median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    long peak = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
    return new Figures(name, r.total().requests(), r.total().errors(), median, peak);
  }

  /** Resident set size of a process and its children, in kB (0 when it cannot be read). */
  static long rssKb(long pid) {
    long total = 0;
    for (ProcessHandle h : ProcessHandle.of(pid).map(p -> concat(p)).orElse(List.of())) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
          if (line.startsWith("VmRSS:")) {
            total += Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | RuntimeException e) {
        // gone
      }
    }
    return total;
  }

  private static List<ProcessHandle> concat(ProcessHandle p) {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(p);
    p.descendants().forEach(all::add);
    return all;
  }
}
