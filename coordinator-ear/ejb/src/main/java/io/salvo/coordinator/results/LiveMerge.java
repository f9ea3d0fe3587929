package io.salvo.coordinator.results;

import io.salvo.coordinator.run.LiveRuns;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes a stored result into the merged live view once its transaction has committed (so a
 * rolled-back delivery is never merged). The results listener finishes the run when the last node
 * is done.
 */
@ApplicationScoped
public class LiveMerge {
  private static final Logger LOG = Logger.getLogger(LiveMerge.class.getName());

  @EJB LiveRuns live;

  void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) Stored s) {
    try {
      if (s.result() instanceof IntervalResult r) {
        LiveRuns.Active a = live.get(r.runId());
        if (a != null) {
          a.live().add(r);
        }
      } else if (s.result() instanceof FinalResult f) {
        LiveRuns.Active a = live.get(f.runId());
        if (a != null) {
          a.live().add(f);
        }
      }
    } catch (RuntimeException e) {
      // Stored already: the monitor or a rebuild from the database takes it in later.
      LOG.log(Level.WARNING, "merging a stored result failed", e);
    }
  }
}
