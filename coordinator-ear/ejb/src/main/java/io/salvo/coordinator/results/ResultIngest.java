package io.salvo.coordinator.results;

import io.salvo.cluster.LiveRun;
import io.salvo.coordinator.run.LiveRuns;
import io.salvo.coordinator.store.RunStore;
import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.ScenarioSnapshot;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Stores a result in the caller's transaction, once per key, and announces it. Results for runs
 * that are not in progress, or from nodes that are not part of the run, are dropped with a warning:
 * they are stray, not poison.
 */
@Stateless
public class ResultIngest {
  private static final Logger LOG = Logger.getLogger(ResultIngest.class.getName());

  @EJB RunStore store;

  @EJB LiveRuns live;

  @Inject Event<Stored> stored;

  public void accept(ClusterMessage m) {
    if (m instanceof IntervalResult r) {
      LiveRun run = running(r.runId(), r.nodeId());
      if (run == null) {
        return;
      }
      List<ScenarioSnapshot> fresh = new ArrayList<>();
      for (ScenarioSnapshot s : r.scenarios()) {
        if (!run.merged(r.nodeId(), s.name(), r.second())) {
          fresh.add(s);
        }
      }
      if (!fresh.isEmpty()) {
        store.saveInterval(r, fresh);
        stored.fire(new Stored(r));
      }
    } else if (m instanceof FinalResult f) {
      LiveRun run = running(f.runId(), f.nodeId());
      if (run != null && !run.finished(f.nodeId()) && store.saveFinal(f)) {
        stored.fire(new Stored(f));
      }
    } else {
      throw new IllegalArgumentException(
          "a " + m.type() + " message does not belong on the results queue");
    }
  }

  /** The run's live view when it is in progress and the node takes part; null otherwise. */
  private LiveRun running(String runId, String nodeId) {
    LiveRuns.Active a = live.get(runId);
    if (a == null || !a.live().nodes().contains(nodeId)) {
      LOG.warning(
          "dropping a result of run "
              + runId
              + " from "
              + nodeId
              + (a == null
                  ? ": no such run in progress"
                  : ": not one of its nodes " + a.live().nodes()));
      return null;
    }
    return a.live();
  }
}
