package io.salvo.coordinator.run;

import io.salvo.cluster.LiveRun;
import io.salvo.coordinator.store.IntervalRecord;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.MessageCodec;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.plan.Plan;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merged views of the runs in progress. A run missing here (the coordinator restarted) is
 * rebuilt from the stored interval and final results on first use, so no result is lost.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Called from after-commit observers, whose committed transaction must not be joined.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LiveRuns {
  /**
   * A run in progress: its merged view, its effective plan, its agreed start, and what happened to
   * it that the report must say (lost agents).
   */
  public record Active(LiveRun live, Plan plan, long startAtMillis, List<String> notes) {
    public Active(LiveRun live, Plan plan, long startAtMillis) {
      this(live, plan, startAtMillis, new java.util.concurrent.CopyOnWriteArrayList<>());
    }
  }

  /** What the report says of an agent that went silent. */
  static String lostNote(String node) {
    return "agent " + node + " was lost (no heartbeat for 3 s)";
  }

  static final String CONTINUED = "; the run went on without it (onAgentLoss: continue)";

  @EJB RunStore store;

  private final Map<String, Active> runs = new ConcurrentHashMap<>();

  public Active open(String runId, Plan plan, Set<String> nodes, long startAtMillis) {
    Active a = new Active(new LiveRun(runId, nodes), plan, startAtMillis);
    runs.put(runId, a);
    return a;
  }

  /** The run in progress, rebuilt from the database if needed; null when it is not running. */
  public Active get(String runId) {
    Active a = runs.get(runId);
    if (a != null) {
      return a;
    }
    synchronized (this) {
      a = runs.get(runId);
      if (a != null) {
        return a;
      }
      RunRecord r = store.run(runId);
      if (r == null || !(r.state == RunState.RUNNING || r.state == RunState.STOPPING)) {
        return null;
      }
      a = rebuild(r);
      runs.put(runId, a);
      return a;
    }
  }

  private Active rebuild(RunRecord r) {
    LiveRun live = new LiveRun(r.id, new LinkedHashSet<>(r.nodeList()));
    for (IntervalRecord i : store.intervals(r.id)) {
      live.add(
          new IntervalResult(
              ClusterMessage.VERSION,
              r.clusterId,
              i.key.nodeId,
              r.id,
              i.key.second,
              List.of(MessageCodec.fromJson(i.snapshot, ScenarioSnapshot.class))));
    }
    for (FinalResult f : store.finals(r.id)) {
      live.add(f);
    }
    Active a =
        new Active(live, RunPlans.effective(r), r.startAtMillis == null ? 0 : r.startAtMillis);
    for (String node : r.lostNodeList()) {
      live.abandon(node);
      a.notes().add(lostNote(node) + CONTINUED);
    }
    return a;
  }

  public Collection<String> ids() {
    return List.copyOf(runs.keySet());
  }

  public void close(String runId) {
    runs.remove(runId);
  }
}
