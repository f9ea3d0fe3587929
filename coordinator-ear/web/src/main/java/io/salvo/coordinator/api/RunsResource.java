package io.salvo.coordinator.api;

import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.report.ReportService;
import io.salvo.coordinator.run.LiveRuns;
import io.salvo.coordinator.run.RunRequest;
import io.salvo.coordinator.run.RunService;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunStore;
import io.salvo.plan.parse.PlanException;
import io.salvo.report.HtmlReport;
import io.salvo.report.ReportJson;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.util.List;
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

  @GET
  public List<Views.RunView> list(@QueryParam("limit") @DefaultValue("100") String limit) {
    int n;
    try {
      n = Integer.parseInt(limit.trim());
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > 1000) {
      throw new InvalidRequestException(
          "limit", "must be a whole number from 1 to 1000, was '" + limit + "'");
    }
    return store.runs(n).stream().map(Views.RunView::of).toList();
  }

  @GET
  @Path("/{id}")
  public Views.RunView get(@PathParam("id") String id) {
    return Views.RunView.of(run(id));
  }

  @POST
  @RolesAllowed("operator")
  @Path("/{id}/stop")
  public Response stop(@PathParam("id") String id) {
    return Response.accepted(Views.RunView.of(runs.stop(id))).build();
  }

  @GET
  @Path("/{id}/stats")
  public LiveStats stats(@PathParam("id") String id) {
    RunRecord r = run(id);
    return LiveStats.of(r, r.state.finished() ? null : live.get(id));
  }

  /** The merged live statistics each second as {@code stats} events, then an {@code end} event. */
  @GET
  @Path("/{id}/stats/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
    run(id);
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    task.set(
        scheduler.scheduleAtFixedRate(
            () -> {
              RunRecord r = store.run(id);
              boolean finished = r == null || r.state.finished();
              if (sink.isClosed()) {
                task.get().cancel(false);
                return;
              }
              LiveStats s = LiveStats.of(r, finished ? null : live.get(id));
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

  private RunRecord run(String id) {
    RunRecord r = store.run(id);
    if (r == null) {
      throw new InvalidRequestException(404, "id", "no run " + id);
    }
    return r;
  }
}
