package io.salvo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code salvo status|stats|report|stop RUN} and {@code salvo agents}, against a coordinator. */
final class RunClientCommands {
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunClientCommands() {}

  static String pretty(JsonNode n) throws Exception {
    return PRETTY.writeValueAsString(n);
  }

  @Command(name = "status", description = "A run's state on the coordinator.")
  static final class Status implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN")
    String id;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() throws Exception {
      spec.commandLine().getOut().println(pretty(coordinator.client().run(id)));
      return ExitCodes.PASSED;
    }
  }

  @Command(
      name = "stats",
      description = "A run's merged live statistics (--follow: each second until it ends).")
  static final class Stats implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN")
    String id;

    @Option(names = "--follow", description = "A line each second until the run ends.")
    boolean follow;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() throws Exception {
      var out = spec.commandLine().getOut();
      if (follow) {
        RemoteRun.follow(coordinator.client(), id, out);
      } else {
        out.println(pretty(coordinator.client().stats(id)));
      }
      return ExitCodes.PASSED;
    }
  }

  @Command(
      name = "report",
      description =
          "A finished run's merged report: the table, and report.json and report.html saved.")
  static final class ReportCmd implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN")
    String id;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Where the reports go (default ./salvo-reports/<runId>/).")
    Path out;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() throws Exception {
      var client = coordinator.client();
      RemoteRun.fetchReport(client, id, out, spec.commandLine().getOut());
      return RemoteRun.exitCode(client.run(id));
    }
  }

  @Command(name = "stop", description = "Stop a run; its report keeps what was measured.")
  static final class Stop implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN")
    String id;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() throws Exception {
      JsonNode run = coordinator.client().stop(id);
      spec.commandLine().getOut().println("salvo: run " + id + " is " + run.path("state").asText());
      return ExitCodes.PASSED;
    }
  }

  @Command(name = "agents", description = "The agents the coordinator knows.")
  static final class Agents implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() throws Exception {
      var out = spec.commandLine().getOut();
      JsonNode agents = coordinator.client().agents();
      out.printf(
          "%-16s %-16s %-12s %-8s %-14s %s%n",
          "AGENT", "CLUSTER", "GROUP", "STATE", "RUN", "LAST SEEN");
      for (JsonNode a : agents) {
        out.printf(
            "%-16s %-16s %-12s %-8s %-14s %s%n",
            a.path("id").asText(),
            a.path("clusterId").asText(),
            a.path("group").isNull() ? "-" : a.path("group").asText(),
            a.path("state").asText(),
            a.path("runId").isNull() ? "-" : a.path("runId").asText(),
            a.path("lastSeen").asText());
      }
      return ExitCodes.PASSED;
    }
  }
}
