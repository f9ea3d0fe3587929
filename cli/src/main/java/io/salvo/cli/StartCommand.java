package io.salvo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.plan.parse.PlanParser;
import io.salvo.plan.parse.PlanWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "start",
    description = {
      "Start a run on a coordinator: upload the plan, start it, and with --wait follow the merged"
          + " live statistics, print the merged table and save report.json and report.html.",
      "Quick mode: salvo start --coordinator URL --agents 2 [--group G] --url URL --rate R"
          + " --duration 10s --wait --out DIR",
      "Exit codes (with --wait): 0 passed, 1 a threshold failed or the run failed, 2 invalid input."
    })
final class StartCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PLAN", description = "A plan file, YAML or JSON.")
  Path planFile;

  @Mixin ClientOptions coordinator;

  @Option(names = "--agents", description = "How many agents (overrides the plan's agentsCount).")
  Integer agents;

  @Option(names = "--group", description = "Only agents of this group (overrides agentGroup).")
  String group;

  @Option(names = "--cluster-id", description = "The cluster (overrides clusterId).")
  String clusterId;

  @Option(names = "--agents-timeout", description = "How long to wait for the agents, such as 30s.")
  String agentsTimeout;

  @Option(names = "--wait", description = "Follow the run to its end and fetch its report.")
  boolean waitForEnd;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the reports go (default ./salvo-reports/<runId>/).")
  Path out;

  @Mixin QuickPlan quick;

  @Override
  public Integer call() throws Exception {
    var console = spec.commandLine().getOut();
    String text;
    if (planFile != null && !quick.requested()) {
      text = Files.readString(planFile, StandardCharsets.UTF_8);
      // Refuse an invalid plan here, with its file name and lines.
      var plan = PlanParser.parse(planFile);
      if (!standsAlone(text)) {
        // It refers to files (feeders, certificates): the coordinator gets them inside the plan.
        text = PlanWriter.yaml(plan);
      }
    } else {
      text = PlanWriter.yaml(RunCommand.plan(planFile, quick));
    }
    CoordinatorClient client = coordinator.client();
    JsonNode run = client.startRun(text, clusterId, group, agents, agentsTimeout);
    String id = run.path("id").asText();
    console.println(
        "salvo: run "
            + id
            + " created on "
            + client.base()
            + ": waiting for "
            + run.path("agentsCount").asInt()
            + " agent(s) in cluster "
            + run.path("clusterId").asText()
            + (run.path("agentGroup").isNull()
                ? ""
                : ", group " + run.path("agentGroup").asText()));
    if (!waitForEnd) {
      console.println("Follow it: salvo status " + id + "; its report: salvo report " + id);
      return ExitCodes.PASSED;
    }
    JsonNode end = RemoteRun.follow(client, id, console);
    if (!end.path("message").isNull() && !end.path("message").asText().isEmpty()) {
      console.println("salvo: " + end.path("message").asText());
    }
    RemoteRun.fetchReport(client, id, out, console);
    return RemoteRun.exitCode(end);
  }

  /** Whether the plan text reads without its directory, that is, refers to no file. */
  private boolean standsAlone(String text) {
    try {
      PlanParser.parse(
          planFile.getFileName().toString(),
          text,
          io.salvo.plan.parse.PlanFormat.ofFileName(planFile.getFileName().toString()),
          null);
      return true;
    } catch (io.salvo.plan.parse.PlanException e) {
      return false;
    }
  }
}
