package io.salvo.cli;

import io.salvo.cli.cluster.ClusterSetup;
import io.salvo.cli.cluster.LocalCluster;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "cluster",
    description = "A local cluster on this machine: a coordinator and agents as WildFly servers.",
    subcommands = {ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name up, down or status");
  }

  static Path home() {
    return Path.of(System.getProperty("salvo.home", ".")).toAbsolutePath().normalize();
  }

  @Command(
      name = "up",
      description = {
        "Start a coordinator and N agents (port offsets 100, 110, 120, ...), wait until every agent"
            + " has joined, and print where the console and API are."
      })
  static final class Up implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--agents", defaultValue = "2", description = "Agents to start (default 2).")
    int agents;

    @Option(names = "--group", description = "The agents' group.")
    String group;

    @Option(
        names = "--cluster-id",
        defaultValue = "default",
        description = "The agents' cluster (default 'default').")
    String clusterId;

    @Option(
        names = "--port-offset",
        defaultValue = "100",
        description = "The coordinator's port offset (default 100: HTTP 8180).")
    int portOffset;

    @Option(
        names = "--broker",
        defaultValue = "embedded",
        description =
            "embedded (the coordinator's, default) or standalone (an Artemis broker of its own).")
    String broker;

    @Option(names = "--db", defaultValue = "h2", description = "h2 (default) or postgresql.")
    String db;

    @Option(
        names = "--db-url",
        defaultValue = "jdbc:postgresql://127.0.0.1:5432/test",
        description = "With --db postgresql.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "With --db postgresql.")
    String dbUser;

    @Option(
        names = "--db-password",
        defaultValue = "${env:SALVO_DB_PASSWORD}",
        description =
            "With --db postgresql (default: the environment variable SALVO_DB_PASSWORD, better"
                + " than this option: a command line is visible to every user of the machine).")
    String dbPassword;

    @Option(
        names = "--allowed-targets",
        defaultValue = "loopback",
        description =
            "Where the cluster's runs may send load: hosts, *.domains, addresses, CIDR ranges,"
                + " each with an optional :port or :low-high, separated by commas (default"
                + " 'loopback': 127.0.0.0/8, ::1, localhost).")
    String allowedTargets;

    @Override
    public Integer call() throws Exception {
      var out = spec.commandLine().getOut();
      ClusterSetup setup;
      try {
        setup =
            new ClusterSetup(
                agents,
                clusterId,
                group,
                portOffset,
                broker,
                db,
                dbUrl,
                dbUser,
                dbPassword,
                allowedTargets);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      LocalCluster cluster = LocalCluster.standard(home());
      java.util.List<String> joined;
      try {
        joined = setup.start(cluster, out);
      } catch (IllegalStateException e) {
        throw new UsageException(e.getMessage());
      }
      out.println(
          "salvo cluster: up. Coordinator "
              + setup.coordinatorUrl()
              + " (console "
              + setup.coordinatorUrl()
              + "/, API "
              + setup.coordinatorUrl()
              + "/api; HTTPS at "
              + setup.coordinatorHttpsUrl()
              + " with the certificate "
              + cluster.coordinatorCertificate()
              + ", which the CLI trusts there; admin API token in "
              + cluster.adminTokenFile()
              + ", which the CLI uses there); agents joined: "
              + (joined.isEmpty() ? "none" : String.join(", ", joined))
              + ". Stop it with `salvo cluster down`.");
      return ExitCodes.PASSED;
    }
  }

  @Command(name = "down", description = "Stop exactly the processes `salvo cluster up` started.")
  static final class Down implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Map<String, Boolean> stopped = LocalCluster.standard(home()).stopAll();
      var out = spec.commandLine().getOut();
      if (stopped.isEmpty()) {
        out.println("salvo cluster: nothing to stop");
      }
      stopped.forEach(
          (name, wasUp) ->
              out.println("salvo cluster: " + name + (wasUp ? " stopped" : " was not running")));
      return ExitCodes.PASSED;
    }
  }

  @Command(name = "status", description = "The processes of the local cluster.")
  static final class Status implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      var nodes = LocalCluster.standard(home()).nodes();
      if (nodes.isEmpty()) {
        out.println("salvo cluster: not up");
      }
      for (LocalCluster.Node n : nodes) {
        out.printf(
            "%-12s pid %-8d port %-6d %s%n",
            n.name(), n.pid(), n.port(), n.alive() ? "running" : "gone");
      }
      return ExitCodes.PASSED;
    }
  }
}
