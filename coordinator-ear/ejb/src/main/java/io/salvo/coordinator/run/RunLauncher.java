package io.salvo.coordinator.run;

import io.salvo.cluster.AgentDirectory;
import io.salvo.cluster.RunPlanner;
import io.salvo.coordinator.CoordinatorNode;
import io.salvo.coordinator.agents.AgentRegistry;
import io.salvo.coordinator.messaging.ClusterPublisher;
import io.salvo.coordinator.store.RunPlans;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.engine.ScenarioPart;
import io.salvo.message.Assignment;
import io.salvo.plan.ClusterSettings;
import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Waits for a run's agents, then publishes its assignment with an agreed start a little ahead, so
 * every node can be ready. Runs outside a transaction: each store call is its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunLauncher {
  private static final Logger LOG = Logger.getLogger(RunLauncher.class.getName());

  /** From publishing the assignment to the agreed start: time to parse, connect, warm up. */
  static final long START_LEAD_MILLIS = 2_000;

  private static final long POLL_MILLIS = 200;

  @EJB RunStore store;

  @EJB AgentRegistry registry;

  @EJB ClusterPublisher publisher;

  @EJB LiveRuns live;

  @EJB LocalNode local;

  @Asynchronous
  public void launch(String runId) {
    RunRecord r = store.run(runId);
    Plan plan = RunPlans.effective(r);
    ClusterSettings c = plan.cluster();
    AgentDirectory agents = registry.directory();
    List<String> chosen = List.of();
    if (RunPlanner.needsAgents(plan)) {
      long deadline = System.currentTimeMillis() + c.agentsTimeout().toMillis();
      while (true) {
        if (store.run(runId).state != RunState.WAITING_FOR_AGENTS) {
          return; // stopped meanwhile
        }
        Optional<List<String>> found =
            RunPlanner.choose(c, agents.available(c.clusterId(), c.agentGroup()));
        if (found.isPresent()) {
          chosen = found.get();
          break;
        }
        if (System.currentTimeMillis() > deadline) {
          String message =
              RunPlanner.notEnoughAgents(c, agents.joined(c.clusterId(), c.agentGroup()));
          store.transition(
              runId, EnumSet.of(RunState.WAITING_FOR_AGENTS), RunState.FAILED, message);
          LOG.info("run " + runId + " failed: " + message);
          return;
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    List<ScenarioPart> mine = new ArrayList<>();
    for (Scenario s : plan.scenarios()) {
      if (c.runsOnCoordinator(s.name())) {
        mine.add(new ScenarioPart(s, 0, 1, "coordinator"));
      }
    }
    Set<String> nodes = new LinkedHashSet<>(chosen);
    if (!mine.isEmpty()) {
      nodes.add(CoordinatorNode.ID);
    }
    Map<String, String> groups = new LinkedHashMap<>();
    for (String node : nodes) {
      AgentDirectory.Agent known = agents.get(node);
      groups.put(node, known == null ? null : known.group());
    }
    long startAt = System.currentTimeMillis() + START_LEAD_MILLIS;
    if (!store.started(runId, groups, startAt)) {
      return;
    }
    live.open(runId, plan, nodes, startAt);
    if (!chosen.isEmpty()) {
      Assignment a =
          RunPlanner.assignment(
              runId, CoordinatorNode.ID, plan, r.planSource, r.planFormat, chosen, startAt);
      publisher.toAgents(a, c.agentGroup(), null, runId);
    }
    if (!mine.isEmpty()) {
      local.start(runId, c.clusterId(), plan, mine, startAt);
    }
    LOG.info("run " + runId + " starts at " + startAt + " on " + nodes);
  }
}
