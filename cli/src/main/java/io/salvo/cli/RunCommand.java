package io.salvo.cli;

import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import io.salvo.report.Report;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    description = {
      "Run a plan on this machine: a live line each second, the final table, and report.json,"
          + " report.html and latency.hlog in the output directory.",
      "Quick mode, without a plan: salvo run --url URL (--rate R | --users U | --requests N)"
          + " --duration 10s [--warmup 5s]",
      "Exit codes: 0 passed, 1 a threshold failed, 2 invalid input."
    })
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PLAN", description = "A plan file, YAML or JSON.")
  Path planFile;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the reports go (default ./salvo-reports/<runId>/).")
  Path out;

  @Option(names = "--quiet", description = "No live line each second.")
  boolean quiet;

  @Mixin QuickPlan quick;

  @Mixin EngineFlags engine;

  @Override
  public Integer call() throws Exception {
    Plan plan = plan(planFile, quick);
    Report report =
        LocalRun.execute(plan, out, engine.options(), spec.commandLine().getOut(), !quiet);
    return LocalRun.exitCode(report);
  }

  static Plan plan(Path planFile, QuickPlan quick) throws Exception {
    if (planFile != null && quick.requested()) {
      throw new UsageException("give a plan file or --url, not both");
    }
    if (planFile != null) {
      return PlanParser.parse(planFile);
    }
    if (!quick.requested()) {
      throw new UsageException("give a plan file, or --url with --rate, --users or --requests");
    }
    return quick.build("quick");
  }
}
