package io.salvo.coordinator.run;

import io.salvo.cluster.AgentDirectory;
import io.salvo.cluster.AgentLiveness;
import io.salvo.cluster.LiveRun;
import io.salvo.coordinator.CoordinatorNode;
import io.salvo.coordinator.agents.AgentReach;
import io.salvo.coordinator.agents.AgentRegistry;
import io.salvo.coordinator.messaging.ClusterPublisher;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.engine.cluster.RunLifecycle;
import io.salvo.message.ClusterMessage;
import io.salvo.message.StopRun;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches runs in progress every second and acts on what {@link RunLifecycle} decides: a lost agent
 * fails the run or is given up (the plan's {@code onAgentLoss}), a run whose nodes stay silent past
 * its deadline fails, and a complete run whose finishing was missed is finished. An agent is lost
 * only when {@link AgentLiveness} says so (silence while the broker or the coordinator itself was
 * away is nobody's loss) and it does not answer over HTTP ({@link AgentReach}) that it still runs
 * the run. After a restart it picks up the runs in progress, and their agents get a grace period to
 * be heard.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunMonitor {
  private static final Logger LOG = Logger.getLogger(RunMonitor.class.getName());

  @EJB RunStore store;

  @EJB LiveRuns live;

  @EJB RunFinisher finisher;

  @EJB AgentRegistry registry;

  @EJB ClusterPublisher publisher;

  @EJB LocalNode local;

  // Runs this process took over from the one before it: the coordinator's own share of them (if
  // any) ended with that process.
  private final Set<String> resumed = ConcurrentHashMap.newKeySet();

  // "run/agent" of agents silent on the broker that answered over HTTP (logged once per outage).
  private final Set<String> cutOff = ConcurrentHashMap.newKeySet();

  private final AgentReach reach = new AgentReach();

  @PostConstruct
  void recover() {
    for (RunRecord r : store.runsIn(EnumSet.of(RunState.WAITING_FOR_AGENTS))) {
      store.transition(
          r.id,
          EnumSet.of(RunState.WAITING_FOR_AGENTS),
          RunState.FAILED,
          "the coordinator restarted while the run waited for its agents; start it again");
    }
    for (RunRecord r : store.runsIn(EnumSet.of(RunState.RUNNING, RunState.STOPPING))) {
      live.get(r.id);
      resumed.add(r.id);
      LOG.info(
          "run "
              + r.id
              + " resumed after a restart: "
              + r.state
              + "; its agents have "
              + AgentLiveness.RESTART_GRACE_MILLIS / 1000
              + " s to be heard from");
    }
  }

  /**
   * Whether a node of a run is gone: an agent silent while the coordinator can hear through the
   * broker, and which does not answer over HTTP that it is still running the run (an agent cut off
   * from the broker keeps its results until it is back, so it is waited for, up to the run's
   * deadline).
   */
  private boolean gone(String runId, String node) {
    if (CoordinatorNode.ID.equals(node)) {
      return resumed.contains(runId);
    }
    if (!registry.liveness().lost(node)) {
      cutOff.remove(runId + "/" + node);
      return false;
    }
    AgentDirectory.Agent agent = registry.directory().get(node);
    if (agent != null && reach.running(agent.statusUrl(), runId)) {
      if (cutOff.add(runId + "/" + node)) {
        LOG.warning(
            "run "
                + runId
                + ": agent "
                + node
                + " is silent on the broker but answers at "
                + agent.statusUrl()
                + " that it is running the run; it is cut off from the broker, not lost, and its"
                + " results are awaited");
      }
      return false;
    }
    return true;
  }

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  public void check() {
    for (String id : live.ids()) {
      try {
        check(id);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "checking run " + id + " failed", e);
      }
    }
  }

  private void check(String id) {
    LiveRuns.Active a = live.get(id);
    if (a == null) {
      return;
    }
    LiveRun run = a.live();
    RunLifecycle.Step step =
        RunLifecycle.check(
            run,
            a.plan().cluster().onAgentLoss(),
            node -> gone(id, node),
            registry.liveness().judging(),
            System.currentTimeMillis(),
            RunLifecycle.deadline(a.startAtMillis(), a.plan()));
    for (String node : step.lost()) {
      store.lost(id, node);
      if (!step.stopAgents()) {
        run.abandon(node);
      }
    }
    if (step.stopAgents()) {
      publisher.toAgents(
          new StopRun(
              ClusterMessage.VERSION,
              a.plan().cluster().clusterId(),
              CoordinatorNode.ID,
              id,
              step.failure()),
          a.plan().cluster().agentGroup(),
          null,
          id);
      local.stop(id);
    }
    if (step.finish()) {
      cutOff.removeIf(k -> k.startsWith(id + "/"));
      finisher.finish(id, step.failure());
    }
  }
}
