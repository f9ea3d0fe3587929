package io.salvo.coordinator.results;

import io.salvo.cluster.LiveRun;
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
 * Stores a result of a run in progress in the caller's transaction, once per key, and announces it.
 * A result from a node that is not part of the run is dropped with a warning: it is stray, not
 * poison.
 */
@Stateless
public class ResultIngest {
  private static final Logger LOG = Logger.getLogger(ResultIngest.class.getName());

  @EJB RunStore store;

  @Inject Event<Stored> stored;

  /**
   * @param m an interval or final result
   * @param run the live view of the result's run
   */
  public void accept(ClusterMessage m, LiveRun run) {
    if (!run.nodes().contains(m.nodeId())) {
      LOG.warning(
          "dropping a result of run "
              + run.runId()
              + " from "
              + m.nodeId()
              + ": not one of its nodes "
              + run.nodes());
      return;
    }
    if (m instanceof IntervalResult r) {
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
    } else if (m instanceof FinalResult f && !run.finished(f.nodeId()) && store.saveFinal(f)) {
      stored.fire(new Stored(f));
    }
  }
}
