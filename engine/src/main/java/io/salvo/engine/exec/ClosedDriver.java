package io.salvo.engine.exec;

/**
 * Closed model: a fixed number of users each run the scenario again as soon as the previous session
 * ends, until the phase's end ({@code constantUsers}) or until each has run its number of
 * iterations ({@code iterations}, bounded by {@code maxDuration}).
 */
final class ClosedDriver implements Driver {
  private final ScenarioRun run;
  private final long users;
  private final long iterationsPerUser;
  private final long lengthNanos;
  private final boolean measured;
  private long endNanos;
  private long active;
  private boolean stopping;
  private boolean finished;

  /**
   * @param iterationsPerUser 0 for a phase bounded by time only
   * @param lengthNanos the phase's duration, or the iterations' maxDuration
   */
  ClosedDriver(
      ScenarioRun run, long users, long iterationsPerUser, long lengthNanos, boolean measured) {
    this.run = run;
    this.users = users;
    this.iterationsPerUser = iterationsPerUser;
    this.lengthNanos = lengthNanos;
    this.measured = measured;
  }

  @Override
  public void start(long nowNanos) {
    endNanos = run.phaseStartNanos(this) + lengthNanos;
    if (users == 0) {
      finish();
      return;
    }
    active = users;
    for (long u = 0; u < users; u++) {
      run.startSession(this, measured, nowNanos, nowNanos, 1);
    }
  }

  @Override
  public void sessionDone(Session session, long nowNanos) {
    long done = session.iterations;
    boolean more =
        !stopping && nowNanos < endNanos && (iterationsPerUser == 0 || done < iterationsPerUser);
    if (more) {
      run.startSession(this, measured, nowNanos, nowNanos, done + 1);
    } else if (--active == 0) {
      finish();
    }
  }

  private void finish() {
    if (!finished) {
      finished = true;
      run.driverFinished(this);
    }
  }

  @Override
  public long stop() {
    stopping = true;
    if (active == 0) {
      finish();
    }
    return 0;
  }

  @Override
  public boolean finished() {
    return finished;
  }
}
