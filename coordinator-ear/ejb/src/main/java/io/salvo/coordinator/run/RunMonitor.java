package io.salvo.coordinator.run;

import io.salvo.cluster.LiveRun;
import io.salvo.coordinator.CoordinatorNode;
import io.salvo.coordinator.agents.AgentRegistry;
import io.salvo.coordinator.messaging.ClusterPublisher;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.engine.EngineOptions;
import io.salvo.message.ClusterMessage;
import io.salvo.message.StopRun;
import io.salvo.plan.AgentLossPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches runs in progress every second: a lost agent fails the run or is given up (the plan's
 * {@code onAgentLoss}), a run whose nodes stay silent past its planned end fails, and a complete
 * run whose finishing was missed is finished. After a restart it picks up the runs in progress.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunMonitor {
  private static final Logger LOG = Logger.getLogger(RunMonitor.class.getName());

  /** Beyond the planned end and the graceful stop, how long to wait for final results. */
  static final long FINAL_RESULT_GRACE_MILLIS = 30_000;

  /** What the run's message says of an agent that went silent. */
  static String lostNote(String node) {
    return "agent " + node + " was lost (no heartbeat for 3 s)";
  }

  @EJB RunStore store;

  @EJB LiveRuns live;

  @EJB RunFinisher finisher;

  @EJB AgentRegistry registry;

  @EJB ClusterPublisher publisher;

  @EJB LocalNode local;

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
      LOG.info("run " + r.id + " resumed after a restart: " + r.state);
    }
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
    for (String node : run.pending()) {
      if (CoordinatorNode.ID.equals(node) || !registry.directory().lost(node)) {
        continue;
      }
      String what = lostNote(node);
      store.lost(id, node);
      if (a.plan().cluster().onAgentLoss() == AgentLossPolicy.FAIL) {
        publisher.toAgents(
            new StopRun(
                ClusterMessage.VERSION,
                a.plan().cluster().clusterId(),
                CoordinatorNode.ID,
                id,
                what),
            a.plan().cluster().agentGroup(),
            null,
            id);
        local.stop(id);
        finisher.finish(id, what + "; onAgentLoss is fail");
        return;
      }
      run.abandon(node);
    }
    long deadline =
        a.startAtMillis()
            + RunPlans.plannedMillis(a.plan())
            + EngineOptions.DEFAULT_GRACEFUL_STOP.toMillis()
            + FINAL_RESULT_GRACE_MILLIS;
    if (!run.complete() && System.currentTimeMillis() > deadline) {
      finisher.finish(id, "no final result from " + String.join(", ", run.pending()) + " in time");
      return;
    }
    if (run.complete()) {
      finisher.finish(id, null);
    }
  }
}
