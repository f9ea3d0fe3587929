package io.salvo.coordinator.results;

import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunStore;
import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
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

  @Inject Event<Stored> stored;

  public void accept(ClusterMessage m) {
    if (m instanceof IntervalResult r) {
      if (accepts(r.runId(), r.nodeId()) && store.saveInterval(r)) {
        stored.fire(new Stored(r));
      }
    } else if (m instanceof FinalResult f) {
      if (accepts(f.runId(), f.nodeId()) && store.saveFinal(f)) {
        stored.fire(new Stored(f));
      }
    } else {
      throw new IllegalArgumentException(
          "a " + m.type() + " message does not belong on the results queue");
    }
  }

  private boolean accepts(String runId, String nodeId) {
    RunRecord r = store.run(runId);
    if (r == null || r.state.finished() || !r.nodeList().contains(nodeId)) {
      LOG.warning(
          "dropping a result of run "
              + runId
              + " from "
              + nodeId
              + (r == null ? ": no such run" : ": run is " + r.state + " with nodes " + r.nodes));
      return false;
    }
    return true;
  }
}
