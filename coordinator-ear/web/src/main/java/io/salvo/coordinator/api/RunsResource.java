package io.salvo.coordinator.api;

import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.agents.AgentRegistry;
import io.salvo.coordinator.report.ComparisonService;
import io.salvo.coordinator.report.ReportService;
import io.salvo.coordinator.run.LiveRuns;
import io.salvo.coordinator.run.RunRequest;
import io.salvo.coordinator.run.RunRetention;
import io.salvo.coordinator.run.RunService;
import io.salvo.coordinator.store.Retention;
import io.salvo.coordinator.store.RunFilter;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.plan.parse.PlanException;
import io.salvo.report.Comparison;
import io.salvo.report.HtmlReport;
import io.salvo.report.ReportJson;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** {@code /api/runs}: start, follow, stop runs and read their reports. */
@Path("/runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
  @EJB RunService runs;

  @EJB RunStore store;

  @EJB LiveRuns live;

  @EJB ReportService reports;

  @EJB ComparisonService comparisons;

  @EJB RunRetention retention;

  @EJB AgentRegistry registry;

  @Context SecurityContext security;

  @Resource ManagedScheduledExecutorService scheduler;

  @POST
  @RolesAllowed("operator")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(RunRequest request) throws PlanException {
    if (request == null) {
      throw new InvalidRequestException("body", "send {\"planId\": ...} or {\"plan\": \"...\"}");
    }
    RunRecord r = runs.start(request);
    return Response.accepted(Views.RunView.of(r)).location(URI.create("/api/runs/" + r.id)).build();
  }

  /**
   * The run history, newest first, filtered and paged; the header {@code X-Total-Count} says how
   * many runs match.
   */
  @GET
  public Response list(
      @QueryParam("limit") @DefaultValue("100") String limit,
      @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("plan") String plan,
      @QueryParam("state") String state,
      @QueryParam("verdict") String verdict,
      @QueryParam("cluster") String cluster,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    int n = whole("limit", limit, 1, 1000);
    int skip = whole("offset", offset, 0, Integer.MAX_VALUE);
    RunFilter f =
        new RunFilter(
            blank(plan),
            state(blank(state)),
            verdict(blank(verdict)),
            blank(cluster),
            instant("from", blank(from), false),
            instant("to", blank(to), true));
    Set<String> baselines = store.baselineRunIds();
    List<Views.RunView> page =
        store.runs(f, skip, n).stream()
            .map(r -> Views.RunView.of(r, baselines.contains(r.id)))
            .toList();
    return Response.ok(page).header("X-Total-Count", store.count(f)).build();
  }

  @GET
  @Path("/{id}")
  public Views.RunView get(@PathParam("id") String id) {
    return Views.RunView.of(run(id), store.baselineRunIds().contains(id));
  }

  /**
   * This run against another ({@code base} is a run id) or against its plan's baseline ({@code
   * base} is {@code baseline}): deltas and a verdict, with tolerances over the plan's.
   */
  @GET
  @Path("/{id}/compare/{base}")
  public Comparison compare(
      @PathParam("id") String id,
      @PathParam("base") String base,
      @QueryParam("tolerance") String tolerance) {
    return comparisons.compare(id, base, blank(tolerance));
  }

  /** Deletes a finished run and everything stored of it; not a baseline. */
  @DELETE
  @RolesAllowed("operator")
  @Path("/{id}")
  public Response delete(@PathParam("id") String id) {
    retention.delete(id);
    return Response.noContent().build();
  }

  /** What {@code POST /api/runs/prune} takes: either may be null. */
  public record PruneRequest(Integer keepPerPlan, String olderThan) {}

  /** The ids a prune deleted. */
  public record Pruned(List<String> deleted) {}

  /**
   * Deletes finished runs beyond the newest {@code keepPerPlan} of each plan or older than {@code
   * olderThan} (30d, 12h); baselines and runs in progress stay.
   */
  @POST
  @RolesAllowed("admin")
  @Path("/prune")
  @Consumes(MediaType.APPLICATION_JSON)
  public Pruned prune(PruneRequest request) {
    Retention.Policy policy;
    try {
      policy =
          request == null
              ? Retention.Policy.NONE
              : Retention.Policy.of(
                  request.keepPerPlan() == null ? null : request.keepPerPlan().toString(),
                  request.olderThan());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          e.getMessage().startsWith("keepPerPlan") ? "keepPerPlan" : "olderThan", e.getMessage());
    }
    if (policy.none()) {
      throw new InvalidRequestException(
          "body", "send {\"keepPerPlan\": N} and/or {\"olderThan\": \"30d\"}");
    }
    return new Pruned(retention.prune(policy));
  }

  /** Makes this completed run its plan's baseline. */
  @POST
  @RolesAllowed("operator")
  @Path("/{id}/baseline")
  public Views.BaselineView baseline(@PathParam("id") String id) {
    return Views.BaselineView.of(
        comparisons.markBaseline(id, security.getUserPrincipal().getName()));
  }

  /** A query or body text: null when absent or blank, else trimmed. */
  static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static int whole(String field, String text, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      n = min - 1;
    }
    if (n < min || n > max) {
      throw new InvalidRequestException(
          field,
          "must be a whole number from "
              + min
              + (max == Integer.MAX_VALUE ? " up" : " to " + max)
              + ", was '"
              + text
              + "'");
    }
    return n;
  }

  private static RunState state(String s) {
    if (s == null) {
      return null;
    }
    try {
      return RunState.valueOf(s.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "state",
          "unknown state '" + s + "'; known: " + java.util.Arrays.toString(RunState.values()));
    }
  }

  private static String verdict(String v) {
    if (v == null) {
      return null;
    }
    String u = v.toUpperCase(java.util.Locale.ROOT);
    if (!u.equals("PASSED") && !u.equals("FAILED")) {
      throw new InvalidRequestException("verdict", "must be PASSED or FAILED, was '" + v + "'");
    }
    return u;
  }

  /**
   * An instant ({@code 2026-12-03T10:00:00Z}) or a UTC day ({@code 2026-12-03}); a day as the end
   * of a range includes that day.
   */
  static Instant instant(String field, String text, boolean end) {
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 10) {
        LocalDate d = LocalDate.parse(text);
        return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field,
          "'" + text + "' is neither a day (2026-12-03) nor an instant (2026-12-03T10:00:00Z)");
    }
  }

  @POST
  @RolesAllowed("operator")
  @Path("/{id}/stop")
  public Response stop(@PathParam("id") String id) {
    return Response.accepted(Views.RunView.of(runs.stop(id))).build();
  }

  /**
   * The merged live statistics now.
   *
   * @param since list the merged seconds from this one on; by default none
   */
  @GET
  @Path("/{id}/stats")
  public LiveStats stats(
      @PathParam("id") String id, @QueryParam("since") @DefaultValue("-1") String since) {
    RunRecord r = run(id);
    int from = "-1".equals(since) ? Integer.MAX_VALUE : whole("since", since, 0, 1_000_000);
    return LiveStats.of(r, r.state.finished() ? null : live.get(id), from, () -> joined(r));
  }

  private List<String> joined(RunRecord r) {
    return registry.directory().joined(r.clusterId, r.agentGroup);
  }

  /**
   * The merged live statistics each second as {@code stats} events, then an {@code end} event. The
   * first event lists every second merged so far, each later one the seconds merged since.
   */
  @GET
  @Path("/{id}/stats/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
    run(id);
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    int[] next = {0};
    task.set(
        scheduler.scheduleAtFixedRate(
            () -> {
              RunRecord r = store.run(id);
              boolean finished = r == null || r.state.finished();
              if (sink.isClosed()) {
                task.get().cancel(false);
                return;
              }
              LiveStats s =
                  LiveStats.of(r, finished ? null : live.get(id), next[0], () -> joined(r));
              next[0] = Math.max(next[0], s.mergedThrough() + 1);
              sink.send(
                  sse.newEventBuilder()
                      .name(finished ? "end" : "stats")
                      .data(ApiJson.compact(s))
                      .build());
              if (finished) {
                sink.close();
                task.get().cancel(false);
              }
            },
            0,
            1,
            TimeUnit.SECONDS));
  }

  @GET
  @Path("/{id}/report.json")
  public Response reportJson(@PathParam("id") String id) {
    return Response.ok(ReportJson.write(reports.report(id)), MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("/{id}/report.html")
  @Produces(MediaType.TEXT_HTML)
  public String reportHtml(@PathParam("id") String id) {
    return HtmlReport.render(reports.report(id));
  }

  /** The merged seconds as an HdrHistogram interval log, values in microseconds. */
  @GET
  @Path("/{id}/latency.hlog")
  @Produces(MediaType.TEXT_PLAIN)
  public String intervalLog(@PathParam("id") String id) {
    return reports.intervalLog(id);
  }

  private RunRecord run(String id) {
    RunRecord r = store.run(id);
    if (r == null) {
      throw new InvalidRequestException(404, "id", "no run " + id);
    }
    return r;
  }
}
