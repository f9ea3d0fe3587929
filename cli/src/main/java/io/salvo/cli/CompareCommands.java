package io.salvo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salvo.report.Comparison;
import io.salvo.report.ComparisonTable;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.report.Tolerances;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code salvo compare}, {@code salvo history} and {@code salvo baseline}. */
final class CompareCommands {
  private CompareCommands() {}

  @Command(
      name = "compare",
      description = {
        "Compares a candidate run with a base run: throughput, error rate and latency percentiles"
            + " from their merged histograms, with a verdict against tolerances.",
        "BASE and CANDIDATE are run ids on the coordinator or report.json files (or the"
            + " directories salvo run writes them to); BASE may be 'baseline', the candidate"
            + " plan's baseline run.",
        "Exits 1 when the candidate regressed, 0 when it improved or is unchanged, 2 on bad"
            + " input."
      })
  static final class Compare implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE")
    String base;

    @Parameters(index = "1", paramLabel = "CANDIDATE")
    String candidate;

    @Option(
        names = "--tolerance",
        paramLabel = "SPEC",
        description =
            "Tolerances over the plan's and the defaults, e.g. p99=10%,throughput=5%,"
                + "errorRate=0.5%,max=off,floor=1ms.")
    String tolerance;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() throws Exception {
      Comparison c;
      Path baseFile = report(base);
      Path candidateFile = report(candidate);
      if (baseFile == null && candidateFile == null) {
        String query =
            tolerance == null
                ? ""
                : "?tolerance=" + URLEncoder.encode(tolerance, StandardCharsets.UTF_8);
        JsonNode answer =
            coordinator
                .client()
                .call("GET", "/runs/" + candidate + "/compare/" + base + query, null);
        c = ReportJson.readComparison(answer.toString());
      } else {
        if ("baseline".equals(base)) {
          throw new UsageException(
              "'baseline' needs the candidate to be a run on the coordinator, not a file");
        }
        Tolerances t;
        try {
          t = Tolerances.DEFAULTS.with(tolerance);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--tolerance: " + e.getMessage());
        }
        c = Comparison.of(load(base, baseFile), load(candidate, candidateFile), t);
      }
      var out = spec.commandLine().getOut();
      out.print(json ? ReportJson.write(c) + System.lineSeparator() : ComparisonTable.render(c));
      out.flush();
      return c.regressed() ? ExitCodes.FAILED : ExitCodes.PASSED;
    }

    /** The report.json an argument names (a file, or a directory holding one), or null. */
    private static Path report(String arg) {
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        Path r = p.resolve("report.json");
        if (!Files.isRegularFile(r)) {
          throw new UsageException("directory " + arg + " holds no report.json");
        }
        return r;
      }
      return Files.isRegularFile(p) ? p : null;
    }

    private Report load(String arg, Path file) throws Exception {
      String text = file != null ? Files.readString(file) : coordinator.client().reportJson(arg);
      try {
        return ReportJson.read(text);
      } catch (IllegalArgumentException e) {
        throw new UsageException(arg + ": " + e.getMessage());
      }
    }
  }

  @Command(name = "history", description = "The coordinator's runs, newest first, filtered.")
  static final class History implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", paramLabel = "NAME", description = "Runs of this plan.")
    String plan;

    @Option(
        names = "--state",
        description = "WAITING_FOR_AGENTS, RUNNING, STOPPING, COMPLETED, STOPPED or FAILED.")
    String state;

    @Option(names = "--verdict", description = "PASSED or FAILED.")
    String verdict;

    @Option(names = "--cluster", paramLabel = "ID", description = "Runs of this cluster.")
    String cluster;

    @Option(
        names = "--from",
        paramLabel = "DAY|INSTANT",
        description = "Created at or after (2026-12-03 or 2026-12-03T10:00:00Z).")
    String from;

    @Option(
        names = "--to",
        paramLabel = "DAY|INSTANT",
        description = "Created before (a day counts whole).")
    String to;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many (default 20).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Skip this many first.")
    int offset;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      List<String> q = new ArrayList<>();
      q.add("limit=" + limit);
      q.add("offset=" + offset);
      add(q, "plan", plan);
      add(q, "state", state);
      add(q, "verdict", verdict);
      add(q, "cluster", cluster);
      add(q, "from", from);
      add(q, "to", to);
      JsonNode runs = coordinator.client().call("GET", "/runs?" + String.join("&", q), null);
      var out = spec.commandLine().getOut();
      String row = "%-22s %-20s %-10s %-7s %-8s %-24s %s%n";
      out.printf(row, "RUN", "PLAN", "STATE", "VERDICT", "BASELINE", "CREATED", "NODES");
      for (JsonNode r : runs) {
        out.printf(
            row,
            r.path("id").asText(),
            r.path("plan").asText(),
            r.path("state").asText(),
            r.path("verdict").isNull() ? "-" : r.path("verdict").asText(),
            r.path("baseline").asBoolean() ? "yes" : "",
            r.path("createdAt").asText(),
            r.path("nodes").size());
      }
      return ExitCodes.PASSED;
    }

    private static void add(List<String> q, String name, String value) {
      if (value != null) {
        q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
  }

  @Command(
      name = "baseline",
      description = {
        "Makes a completed run its plan's baseline: 'salvo compare baseline RUN' and the console"
            + " compare later runs with it.",
        "--tolerances also sets the plan's tolerances (kept for its later comparisons)."
      })
  static final class Baseline implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN")
    String id;

    @Option(names = "--tolerances", paramLabel = "SPEC", description = "e.g. p99=10%,throughput=5%")
    String tolerances;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      var client = coordinator.client();
      JsonNode b;
      if (tolerances == null) {
        b = client.call("POST", "/runs/" + id + "/baseline", null);
      } else {
        String plan = client.run(id).path("plan").asText();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("runId", id).put("tolerances", tolerances);
        b =
            client.call(
                "PUT",
                "/baselines/" + URLEncoder.encode(plan, StandardCharsets.UTF_8).replace("+", "%20"),
                body);
      }
      spec.commandLine()
          .getOut()
          .println(
              "salvo: run "
                  + b.path("runId").asText()
                  + " is the baseline of plan "
                  + b.path("plan").asText()
                  + (b.path("tolerances").isNull()
                      ? ""
                      : " (tolerances " + b.path("tolerances").asText() + ")"));
      return ExitCodes.PASSED;
    }
  }
}
