package io.salvo.cli;

import io.salvo.plan.Feeder;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import io.salvo.plan.parse.PlanParser;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    description = "Check a plan without running it; every problem is listed with its line.")
final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PLAN", description = "A plan file, YAML or JSON.")
  Path planFile;

  @Override
  public Integer call() throws Exception {
    Plan plan = PlanParser.parse(planFile);
    var out = spec.commandLine().getOut();
    out.println("plan " + plan.name() + " is valid:");
    for (Feeder f : plan.feeders()) {
      out.println(
          "  feeder "
              + f.name()
              + ": "
              + f.rows().size()
              + " rows of "
              + String.join(", ", f.columns())
              + " ("
              + f.strategy().label()
              + ")");
    }
    if (plan.target().tls() != null) {
      var tls = plan.target().tls();
      out.println(
          "  tls: "
              + (tls.insecure() ? "NOT verified (insecure)" : "verified")
              + (tls.ca() != null ? ", also trusting " + tls.ca().name() : "")
              + (tls.hasClientCertificate() ? ", with a client certificate" : "")
              + ", "
              + String.join(" and ", tls.versions()));
    }
    for (Scenario s : plan.scenarios()) {
      out.println(
          "  scenario "
              + s.name()
              + ": "
              + s.requests().size()
              + " request step(s); load "
              + s.load().stream().map(LoadPhase::kind).collect(Collectors.joining(" -> "))
              + (s.feed().isEmpty() ? "" : "; feeds from " + String.join(", ", s.feed())));
    }
    plan.thresholds().forEach(t -> out.println("  threshold " + t));
    out.println(
        "  cluster: "
            + plan.cluster().nodeType()
            + ", clusterId "
            + plan.cluster().clusterId()
            + ", agentsCount "
            + plan.cluster().agentsCount());
    return ExitCodes.PASSED;
  }
}
