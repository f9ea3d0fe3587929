package io.salvo.cli;

import io.salvo.cli.client.ApiException;
import io.salvo.engine.TargetUnreachableException;
import io.salvo.plan.Durations;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanProblem;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code salvo} command line. */
@Command(
    name = "salvo",
    mixinStandardHelpOptions = true,
    version = "salvo 0.1.0",
    description = "Distributed load testing for HTTP services whose numbers you can trust.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      ValidateCommand.class,
      StartCommand.class,
      RunClientCommands.Status.class,
      RunClientCommands.Stats.class,
      RunClientCommands.ReportCmd.class,
      RunClientCommands.Stop.class,
      RunClientCommands.Agents.class,
      CompareCommands.Compare.class,
      CompareCommands.History.class,
      CompareCommands.Baseline.class,
      RunsCommands.Runs.class,
      AccessCommands.Tokens.class,
      AccessCommands.Users.class,
      AccessCommands.AllowedTargetsCmd.class,
      ClusterCommand.class,
      AgentCommand.class,
      TargetCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Salvo implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command, such as run or demo");
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the command line, printing to {@code out} and {@code err}; returns the exit code. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Salvo());
    helpEverywhere(cli);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.registerConverter(Duration.class, Salvo::duration);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          if (e instanceof PlanException p) {
            w.println("salvo: the plan is invalid:");
            for (PlanProblem problem : p.problems()) {
              w.println("  " + problem);
            }
            return ExitCodes.INVALID;
          }
          if (e instanceof ApiException a) {
            w.println("salvo: " + a.getMessage());
            for (String problem : a.problems()) {
              w.println("  " + problem);
            }
            return a.invalidInput() ? ExitCodes.INVALID : ExitCodes.ERROR;
          }
          if (e instanceof UsageException || e instanceof TargetUnreachableException) {
            w.println("salvo: " + e.getMessage());
            return ExitCodes.INVALID;
          }
          if (e instanceof java.nio.file.NoSuchFileException n) {
            w.println("salvo: no such file: " + n.getFile());
            return ExitCodes.INVALID;
          }
          w.println("salvo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          if (System.getenv("SALVO_DEBUG") != null) {
            e.printStackTrace(w);
          }
          return ExitCodes.ERROR;
        });
    return cli.execute(args);
  }

  /** Every command and subcommand answers --help (and -h). */
  private static void helpEverywhere(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      var spec = sub.getCommandSpec();
      if (spec.optionsMap().get("--help") == null) {
        spec.addOption(
            CommandLine.Model.OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build());
      }
      helpEverywhere(sub);
    }
  }

  private static Duration duration(String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
