package io.salvo.coordinator.api;

import io.salvo.cluster.AgentDirectory;
import io.salvo.coordinator.store.BaselineRecord;
import io.salvo.coordinator.store.PlanRecord;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanMasking;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the API returns: views of the stored records, never the JPA entities themselves. */
final class Views {
  private Views() {}

  record PlanView(
      String id,
      String name,
      String format,
      Instant createdAt,
      String source,
      boolean sourceMasked,
      Map<String, String> links) {
    /**
     * @param withSource whether to show the plan's text, with secret-looking values masked ({@link
     *     PlanMasking})
     */
    static PlanView of(PlanRecord p, boolean withSource) {
      java.util.Optional<String> masked =
          withSource
              ? PlanMasking.masked(p.source, PlanFormat.valueOf(p.format))
              : java.util.Optional.empty();
      return new PlanView(
          p.id,
          p.name,
          p.format,
          p.createdAt,
          withSource ? masked.orElse(p.source) : null,
          masked.isPresent(),
          Map.of("self", "/api/plans/" + p.id));
    }
  }

  record RunView(
      String id,
      String planId,
      String plan,
      String state,
      String verdict,
      String message,
      String clusterId,
      String agentGroup,
      int agentsCount,
      List<String> nodes,
      List<String> lostNodes,
      Instant startAt,
      Instant createdAt,
      Instant endedAt,
      Double startSkewMs,
      boolean degraded,
      long rejectedMessages,
      boolean baseline,
      Map<String, String> links) {
    /** A run that is not its plan's baseline (one just started or stopped cannot be). */
    static RunView of(RunRecord r) {
      return of(r, false);
    }

    /**
     * @param baseline whether the run is its plan's baseline
     */
    static RunView of(RunRecord r, boolean baseline) {
      String self = "/api/runs/" + r.id;
      return new RunView(
          r.id,
          r.planId,
          r.planName,
          r.state.name(),
          r.verdict,
          r.message,
          r.clusterId,
          r.agentGroup,
          r.agentsCount,
          r.nodeList(),
          r.lostNodeList(),
          r.startAtMillis == null ? null : Instant.ofEpochMilli(r.startAtMillis),
          r.createdAt,
          r.endedAt,
          r.startSkewMs,
          r.degraded,
          r.rejectedMessages,
          baseline,
          Map.of(
              "self", self,
              "compare", self + "/compare/baseline",
              "stop", self + "/stop",
              "stats", self + "/stats",
              "stream", self + "/stats/stream",
              "report", self + "/report.json",
              "html", self + "/report.html"));
    }
  }

  /** A plan's baseline run and comparison tolerances. */
  record BaselineView(
      String plan, String runId, String tolerances, String updatedBy, Instant updatedAt) {
    static BaselineView of(BaselineRecord b) {
      return new BaselineView(b.planName, b.runId, b.tolerances, b.updatedBy, b.updatedAt);
    }
  }

  record AgentView(
      String id,
      String clusterId,
      String group,
      String state,
      String runId,
      int capacity,
      String version,
      Instant firstSeen,
      Instant lastSeen,
      Double clockOffsetMs) {
    static AgentView of(AgentDirectory.Agent a, long now) {
      return new AgentView(
          a.id(),
          a.clusterId(),
          a.group(),
          a.status(now),
          a.runId(),
          a.capacity(),
          a.version(),
          Instant.ofEpochMilli(a.firstSeenMillis()),
          Instant.ofEpochMilli(a.lastSeenMillis()),
          a.clockOffsetMs());
    }
  }
}
