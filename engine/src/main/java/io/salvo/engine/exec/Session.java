package io.salvo.engine.exec;

import io.salvo.engine.http.PendingRequest;
import io.salvo.engine.http.RequestTemplate;
import io.salvo.stats.ErrorKind;
import java.util.concurrent.TimeUnit;

/**
 * One execution of a scenario by a virtual user: its steps in order, each request's latency
 * measured from the instant it was meant to start. Reused from a free list; lives on its worker's
 * loop. Runs as a task to resume after a think time.
 */
final class Session implements PendingRequest, Runnable {
  private final ScenarioRun run;
  private Driver owner;
  private int step;
  private long intendedNanos;
  private boolean measured;

  /** Which iteration of its user this session is (closed model); 1 for open-model arrivals. */
  long iterations;

  Session(ScenarioRun run) {
    this.run = run;
  }

  /** Starts the scenario from its first step; {@code intendedNanos} may lie in the past. */
  void begin(Driver owner, boolean measured, long intendedNanos) {
    this.owner = owner;
    this.measured = measured;
    this.step = -1;
    next(intendedNanos);
  }

  Driver owner() {
    return owner;
  }

  private void next(long readyNanos) {
    StepPlan[] steps = run.steps();
    while (true) {
      step++;
      if (step == steps.length || run.stopped()) {
        run.sessionDone(this);
        return;
      }
      StepPlan s = steps[step];
      if (s.isRequest()) {
        intendedNanos = readyNanos;
        s.pool().submit(this);
        return;
      }
      if (s.thinkNanos() > 0) {
        intendedNanos = readyNanos + s.thinkNanos();
        run.loop().schedule(this, s.thinkNanos(), TimeUnit.NANOSECONDS);
        return;
      }
    }
  }

  /** Resumes after a think time. */
  @Override
  public void run() {
    next(intendedNanos);
  }

  @Override
  public RequestTemplate template() {
    return run.steps()[step].template();
  }

  @Override
  public void onResponse(int status, long bytesReceived, long sentNanos, long nowNanos) {
    StepPlan s = run.steps()[step];
    if (measured) {
      run.recordResponse(s, nowNanos - intendedNanos, nowNanos - sentNanos, status, bytesReceived);
    }
    next(nowNanos);
  }

  @Override
  public void onFailure(ErrorKind kind, long nowNanos) {
    if (measured && kind != null) {
      run.recordFailure(run.steps()[step], kind);
    }
    // A failed request ends the session: later steps usually depend on it.
    run.sessionDone(this);
  }
}
