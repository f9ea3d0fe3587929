package io.salvo.coordinator.run;

import io.salvo.coordinator.CoordinatorNode;
import io.salvo.coordinator.InvalidRequestException;
import io.salvo.coordinator.messaging.ClusterPublisher;
import io.salvo.coordinator.messaging.MessageSeal;
import io.salvo.coordinator.store.PlanRecord;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.message.ClusterMessage;
import io.salvo.message.StopRun;
import io.salvo.plan.ClusterSettings;
import io.salvo.plan.Durations;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.plan.PlanRuleException;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanParser;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

/** Plans and runs as the API sees them: validated before anything is stored or started. */
@Stateless
public class RunService {
  @EJB RunStore store;

  @Inject Event<RunCreated> created;

  @EJB ClusterPublisher publisher;

  @EJB LocalNode local;

  @EJB AllowedTargets allowed;

  @EJB MessageSeal seal;

  /** Validates and stores a plan. */
  public PlanRecord addPlan(String source, PlanFormat format) throws PlanException {
    if (source == null || source.isBlank()) {
      throw new InvalidRequestException(
          "plan", "the request body is empty: send a plan in YAML or JSON");
    }
    String id = newId();
    Plan plan = PlanParser.parse("plan", source, format);
    PlanRecord p = new PlanRecord(id, plan.name(), format.name(), source, Instant.now());
    store.add(p);
    return p;
  }

  /**
   * Validates a run request, stores the run and starts waiting for its agents. A plan aimed at a
   * target outside the allow-list is refused with 403 before anything is stored.
   */
  public RunRecord start(RunRequest req) throws PlanException {
    if ((req.planId() == null) == (req.plan() == null)) {
      throw new InvalidRequestException("planId", "give exactly one of planId and plan");
    }
    String source;
    PlanFormat format;
    String planId = req.planId();
    if (planId != null) {
      PlanRecord p = store.plan(planId);
      if (p == null) {
        throw new InvalidRequestException(404, "planId", "no plan " + planId);
      }
      source = p.source;
      format = PlanFormat.valueOf(p.format);
    } else {
      source = req.plan();
      format = PlanFormat.sniff(source);
    }
    Plan plan = PlanParser.parse("plan", source, format);
    ClusterSettings c = plan.cluster();
    Duration timeout = c.agentsTimeout();
    if (req.agentsTimeout() != null) {
      try {
        timeout = Durations.parse(req.agentsTimeout());
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("agentsTimeout", "agentsTimeout " + e.getMessage());
      }
    }
    ClusterSettings settings;
    try {
      settings =
          new ClusterSettings(
              NodeType.COORDINATOR,
              req.clusterId() != null ? req.clusterId() : c.clusterId(),
              req.agentGroup() != null ? emptyToNull(req.agentGroup()) : c.agentGroup(),
              req.agentsCount() != null ? req.agentsCount() : c.agentsCount(),
              c.coordinatorTargetScenarios(),
              c.agentTargetScenarios(),
              c.replicate(),
              timeout,
              c.onAgentLoss());
      plan.withCluster(settings);
    } catch (PlanRuleException e) {
      throw new InvalidRequestException(e.field(), e.getMessage());
    }
    allowed
        .list()
        .refusal(plan.origins())
        .ifPresent(
            why -> {
              throw new InvalidRequestException(
                  403,
                  "target",
                  why + "; nothing was started (" + allowed.current().origin() + ")");
            });
    if (!seal.canSign(settings.clusterId())) {
      throw new InvalidRequestException(
          "clusterId",
          "cluster "
              + settings.clusterId()
              + " has no signing key ("
              + settings.clusterId()
              + ".key in "
              + seal.messages().keys().dir()
              + "), so its agents could not trust its assignments; nothing was started");
    }
    RunRecord r =
        new RunRecord(
            newId(),
            planId,
            plan.name(),
            format.name(),
            source,
            settings.clusterId(),
            settings.agentGroup(),
            settings.agentsCount(),
            settings.agentsTimeout().toMillis(),
            Instant.now());
    store.add(r);
    // The launcher reads the run, so it starts once this transaction has committed.
    created.fire(new RunCreated(r.id));
    return r;
  }

  /** Stops a run: agents stop starting sessions and send their final results. */
  public RunRecord stop(String runId) {
    RunRecord r = store.run(runId);
    if (r == null) {
      throw new InvalidRequestException(404, "runId", "no run " + runId);
    }
    if (store.transition(
        runId,
        EnumSet.of(RunState.WAITING_FOR_AGENTS),
        RunState.STOPPED,
        "stopped before it started")) {
      return store.run(runId);
    }
    if (store.transition(
        runId, EnumSet.of(RunState.RUNNING), RunState.STOPPING, "stop requested")) {
      publisher.toAgents(
          new StopRun(
              ClusterMessage.VERSION, r.clusterId, CoordinatorNode.ID, runId, "stopped by a user"),
          r.agentGroup,
          null,
          runId);
      local.stop(runId);
    }
    return store.run(runId);
  }

  private static String emptyToNull(String s) {
    return s.isBlank() ? null : s;
  }

  static String newId() {
    return UUID.randomUUID().toString().substring(0, 13).replace("-", "");
  }
}
