package io.salvo.engine.exec;

import io.salvo.engine.schedule.ArrivalSchedule;
import io.salvo.split.Stripe;
import java.util.concurrent.TimeUnit;

/**
 * Open model: starts this worker's stripe of a phase's arrivals at their scheduled instants,
 * whatever the target does. When {@code maxInFlight} sessions are running, due arrivals wait in a
 * backlog that is measured; each starts as soon as a slot frees, with its latency still counted
 * from when it was due.
 */
final class OpenDriver implements Driver, Runnable {
  /** Arrivals started per loop task, so a large backlog cannot starve the connections' I/O. */
  private static final int BATCH = 256;

  private final ScenarioRun run;
  private final ArrivalSchedule schedule;
  private final Stripe stripe;
  private final int kind;
  private final long localCount;
  private long phaseStart;
  private long next;
  private boolean blocked;
  private boolean started;
  private boolean finished;
  private boolean tickPending;

  OpenDriver(ScenarioRun run, ArrivalSchedule schedule, Stripe stripe, int kind) {
    this.run = run;
    this.schedule = schedule;
    this.stripe = stripe;
    this.kind = kind;
    this.localCount = stripe.localCount(schedule.count());
  }

  @Override
  public void start(long nowNanos) {
    if (finished) {
      return;
    }
    phaseStart = run.phaseStartNanos(this);
    started = true;
    if (localCount == 0) {
      finish();
      return;
    }
    run();
  }

  private long dueNanos(long local) {
    return phaseStart + schedule.offsetNanos(stripe.global(local));
  }

  /** Starts every arrival that is due, then waits for the next one. */
  @Override
  public void run() {
    tickPending = false;
    if (finished) {
      return;
    }
    long now = System.nanoTime();
    int batch = 0;
    while (next < localCount) {
      long due = dueNanos(next);
      if (due > now) {
        tickPending = true;
        run.loop().schedule(this, due - now, TimeUnit.NANOSECONDS);
        return;
      }
      if (!run.hasCapacity()) {
        blocked = true;
        run.observeBacklog(backlog(now));
        return;
      }
      if (++batch > BATCH) {
        tickPending = true;
        run.loop().execute(this);
        return;
      }
      if (!run.claimRows()) {
        return; // a feeder ran out: this driver was stopped, this arrival and the rest unsent
      }
      long global = stripe.global(next);
      next++;
      run.startSession(this, kind, due, now, 1, global, 0);
    }
    finish();
  }

  /** Due arrivals waiting because {@code maxInFlight} sessions are running; 0 when not held. */
  long heldBacklog(long nowNanos) {
    return blocked ? backlog(nowNanos) : 0;
  }

  /** Due arrivals not yet started. */
  long backlog(long nowNanos) {
    if (!started || finished) {
      return 0;
    }
    long due = stripe.localCount(schedule.dueBy(nowNanos - phaseStart));
    return Math.max(0, due - next);
  }

  private void finish() {
    if (!finished) {
      finished = true;
      run.driverFinished(this);
    }
  }

  @Override
  public void sessionDone(Session session, long nowNanos) {}

  @Override
  public void capacityFreed(long nowNanos) {
    if (blocked && !tickPending) {
      blocked = false;
      run();
    }
  }

  @Override
  public long stop(boolean wholePlan) {
    if (finished) {
      return 0;
    }
    // A warm-up's arrivals are not reported, so neither are the ones it did not send.
    long unsent =
        kind == ScenarioRun.WARMUP ? 0 : wholePlan ? localCount - next : backlog(System.nanoTime());
    finish();
    return unsent;
  }

  @Override
  public boolean finished() {
    return finished;
  }
}
