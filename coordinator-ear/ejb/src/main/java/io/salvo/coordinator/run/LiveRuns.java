package io.salvo.coordinator.run;

import io.salvo.cluster.LiveRun;
import io.salvo.coordinator.store.IntervalRecord;
import io.salvo.coordinator.store.RunPlans;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
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
  /** A run in progress: its merged view, its effective plan and its agreed start. */
  public record Active(LiveRun live, Plan plan, long startAtMillis) {}

  @EJB RunStore store;

  private final Map<String, Active> runs = new ConcurrentHashMap<>();

  // Runs this process has ended. The ending transaction commits after close(): until then the
  // database still says RUNNING, and a result arriving in between must not rebuild an unsealed
  // view of the run and be stored after its report was made.
  private final Set<String> ended = ConcurrentHashMap.newKeySet();

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
      if (ended.contains(runId)) {
        return null;
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
              List.of(i.scenario())));
    }
    for (FinalResult f : store.finals(r.id)) {
      live.add(f);
    }
    // Agents given up before the restart stay given up (onAgentLoss: continue).
    r.lostNodeList().forEach(live::abandon);
    return new Active(live, RunPlans.effective(r), r.startAtMillis == null ? 0 : r.startAtMillis);
  }

  public Collection<String> ids() {
    return List.copyOf(runs.keySet());
  }

  public void close(String runId) {
    synchronized (this) {
      ended.add(runId);
      runs.remove(runId);
    }
  }
}
