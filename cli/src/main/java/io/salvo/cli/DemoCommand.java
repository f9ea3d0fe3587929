package io.salvo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.ClusterSetup;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.schedule.ArrivalSchedule;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import io.salvo.plan.parse.PlanParser;
import io.salvo.plan.parse.PlanWriter;
import io.salvo.report.Report;
import io.salvo.target.TargetServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description = {
      "The real thing on this machine: start a coordinator and two agents (WildFly, the"
          + " coordinator's embedded Artemis broker, H2), start Salvo's small target, run the example"
          + " plan on the cluster, print the merged table and where the report is, and stop the"
          + " cluster (about a minute).",
      "--local runs the single-node demo instead (about 12 s, no servers)."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go.")
  Path out;

  @Option(names = "--local", description = "The single-node demo: no cluster.")
  boolean local;

  @Option(
      names = "--keep",
      description = "Leave the cluster up afterwards (stop it with `salvo cluster down`).")
  boolean keep;

  @Mixin EngineFlags engine;

  /** The agents of the demo's local cluster. */
  private static final int AGENTS = 2;

  static String resource(String name) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Writes a demo plan aimed at {@code targetUrl}, with the users.csv it feeds from beside it, into
   * {@code dir}; returns the plan file.
   */
  static Path materialize(String plan, String targetUrl, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("users.csv"), resource("users.csv"));
    Path file = dir.resolve(plan);
    Files.writeString(file, resource(plan).replace("@TARGET@", targetUrl));
    return file;
  }

  @Override
  public Integer call() throws Exception {
    return local ? local() : cluster();
  }

  private int local() throws Exception {
    var console = spec.commandLine().getOut();
    try (TargetServer target = TargetServer.start(0, 1)) {
      console.println("salvo demo: target listening on " + target.url());
      Path dir = Files.createTempDirectory("salvo-demo");
      Plan plan = PlanParser.parse(materialize("demo.yaml", target.url(), dir));
      Report report = LocalRun.execute(plan, out, engine.options(), console, true);
      console.println(
          "The target itself answered "
              + target.requests()
              + " requests ("
              + target.status(2)
              + " 2xx, "
              + target.status(4)
              + " 4xx), warm-up included; Salvo counted "
              + report.total().requests()
              + " after the warm-up.");
      console.println(shop(target));
      return LocalRun.exitCode(report);
    }
  }

  /**
   * Requests the open-model warm-up phases send on a cluster of {@code agents}: exactly their
   * arrivals (a split scenario's shares add up to them; a replicated one runs them on each agent).
   */
  static long warmupRequests(Plan plan, int agents) {
    long total = 0;
    for (Scenario s : plan.scenarios()) {
      long copies = plan.cluster().replicated(s.name()) ? agents : 1;
      for (LoadPhase phase : s.load()) {
        if (phase.warmup() && phase.open()) {
          total += ArrivalSchedule.of(phase).count() * s.requests().size() * copies;
        }
      }
    }
    return total;
  }

  /** What the target's shop saw: who logged in, and any request that lacked the token or cookie. */
  static String shop(TargetServer target) {
    var logins = target.loginsByUser();
    long once = logins.values().stream().filter(n -> n == 1).count();
    return "The shop saw "
        + logins.size()
        + " users log in ("
        + (once == logins.size() ? "each exactly once" : (logins.size() - once) + " more than once")
        + ", rows of users.csv), "
        + target.checkouts()
        + " checkouts, "
        + target.unauthorized()
        + " requests without a valid token and "
        + target.cartCookieMissing()
        + " cart requests without their cookie.";
  }

  private int cluster() throws Exception {
    var console = spec.commandLine().getOut();
    LocalCluster cluster = LocalCluster.standard(ClusterCommand.home());
    ClusterSetup setup =
        new ClusterSetup(
            AGENTS,
            "default",
            null,
            100,
            "embedded",
            "h2",
            null,
            null,
            null,
            TargetAllowList.DEFAULT);
    try (TargetServer target = TargetServer.start(0, 2)) {
      console.println("salvo demo: target listening on " + target.url());
      try {
        setup.start(cluster, console);
      } catch (IllegalStateException e) {
        throw new UsageException(e.getMessage());
      }
      console.println(
          "salvo demo: cluster up; coordinator " + setup.coordinatorUrl() + " (console at /)");
      try {
        CoordinatorClient client =
            new CoordinatorClient(setup.coordinatorUrl(), null, cluster.adminToken());
        Path dir = Files.createTempDirectory("salvo-demo");
        Plan plan = PlanParser.parse(materialize("demo-cluster.yaml", target.url(), dir));
        long warmup = warmupRequests(plan, AGENTS);
        // The coordinator gets the plan with users.csv inside it: agents never read local files.
        JsonNode run = client.startRun(PlanWriter.yaml(plan), null, null, null, null);
        String id = run.path("id").asText();
        console.println("salvo demo: run " + id + " started");
        JsonNode end = RemoteRun.follow(client, id, console);
        Report report = RemoteRun.fetchReport(client, id, out, console);
        long answered = target.requests();
        long measured = report.total().requests();
        console.println(
            "The target itself answered "
                + answered
                + " requests; the merged report counts "
                + measured
                + ", after "
                + warmup
                + " warm-up requests"
                + (answered == measured + warmup
                    ? " (" + measured + " + " + warmup + " = " + answered + ")."
                    : ": they differ by " + (answered - measured - warmup) + "."));
        console.println(shop(target));
        console.println(
            "salvo demo: the run in the console: "
                + setup.coordinatorUrl()
                + "/#/runs/"
                + id
                + (keep
                    ? " (sign in with the API token in " + cluster.adminTokenFile() + ")"
                    : " (with --keep the cluster stays up to look at it)"));
        return RemoteRun.exitCode(end);
      } finally {
        if (keep) {
          console.println("salvo demo: the cluster stays up; stop it with `salvo cluster down`");
        } else {
          console.println("salvo demo: stopping the cluster");
          console.flush();
          cluster.stopAll();
        }
      }
    }
  }
}
