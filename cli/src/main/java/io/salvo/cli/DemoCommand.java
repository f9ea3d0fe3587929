package io.salvo.cli;

import io.salvo.plan.Plan;
import io.salvo.plan.parse.PlanParser;
import io.salvo.report.Report;
import io.salvo.target.TargetServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description =
        "Start Salvo's small target on 127.0.0.1 and run the example plan against it (about 12 s).")
final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go.")
  Path out;

  @Mixin EngineFlags engine;

  static String plan() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("demo.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public Integer call() throws Exception {
    var console = spec.commandLine().getOut();
    try (TargetServer target = TargetServer.start(0, 1)) {
      console.println("salvo demo: target listening on " + target.url());
      Plan plan = PlanParser.parse("demo.yaml", plan().replace("${TARGET}", target.url()));
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
      return LocalRun.exitCode(report);
    }
  }
}
