package io.salvo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code salvo runs delete|prune}: removing runs from the coordinator's history. */
final class RunsCommands {
  private RunsCommands() {}

  @Command(
      name = "runs",
      description = "Remove runs from the coordinator's history.",
      subcommands = {Delete.class, Prune.class})
  static final class Runs implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name delete or prune");
    }
  }

  @Command(
      name = "delete",
      description =
          "Delete finished runs and everything stored of them (operator); a plan's baseline and a"
              + " run in progress are refused.")
  static final class Delete implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", arity = "1..*")
    List<String> ids;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      var client = coordinator.client();
      for (String id : ids) {
        client.call("DELETE", "/runs/" + id, null);
        spec.commandLine().getOut().println("salvo: run " + id + " deleted");
      }
      return ExitCodes.PASSED;
    }
  }

  @Command(
      name = "prune",
      description =
          "Delete the finished runs beyond the newest N of each plan and/or older than an age"
              + " (admin); baselines and runs in progress stay.")
  static final class Prune implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--keep", paramLabel = "N", description = "Finished runs to keep per plan.")
    Integer keep;

    @Option(
        names = "--older-than",
        paramLabel = "AGE",
        description = "Delete runs created longer ago than this: 30d, 12h.")
    String olderThan;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      if (keep == null && olderThan == null) {
        throw new UsageException("give --keep N and/or --older-than AGE");
      }
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (keep != null) {
        body.put("keepPerPlan", keep);
      }
      if (olderThan != null) {
        body.put("olderThan", olderThan);
      }
      JsonNode answer = coordinator.client().call("POST", "/runs/prune", body);
      var out = spec.commandLine().getOut();
      out.println("salvo: " + answer.path("deleted").size() + " runs deleted");
      answer.path("deleted").forEach(id -> out.println("  " + id.asText()));
      return ExitCodes.PASSED;
    }
  }
}
