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
  private final long firstUser;
  private final long allUsers;
  private long endNanos;
  private long active;
  private boolean stopping;
  private boolean finished;

  /**
   * @param iterationsPerUser 0 for a phase bounded by time only
   * @param lengthNanos the phase's duration, or the iterations' maxDuration
   * @param firstUser the index of this driver's first user among all the phase's users on every
   *     node, and {@code allUsers} their number: a session's {@code ${session.index}} is {@code
   *     (iteration - 1) x allUsers + user}, unique in the run
   */
  ClosedDriver(
      ScenarioRun run,
      long users,
      long iterationsPerUser,
      long lengthNanos,
      boolean measured,
      long firstUser,
      long allUsers) {
    this.run = run;
    this.users = users;
    this.iterationsPerUser = iterationsPerUser;
    this.lengthNanos = lengthNanos;
    this.measured = measured;
    this.firstUser = firstUser;
    this.allUsers = allUsers;
  }

  @Override
  public void start(long nowNanos) {
    if (finished) {
      return;
    }
    endNanos = run.phaseStartNanos(this) + lengthNanos;
    for (int u = 0; u < users && !stopping; u++) {
      if (!run.claimRows()) {
        break;
      }
      active++;
      run.startSession(this, measured, nowNanos, nowNanos, 1, index(1, u), u);
    }
    if (active == 0) {
      finish();
    }
  }

  private long index(long iteration, int user) {
    return (iteration - 1) * allUsers + firstUser + user;
  }

  @Override
  public void sessionDone(Session session, long nowNanos) {
    long done = session.iterations;
    int user = session.user;
    boolean more =
        !stopping && nowNanos < endNanos && (iterationsPerUser == 0 || done < iterationsPerUser);
    if (more && !run.claimRows()) {
      more = false;
    }
    if (more) {
      run.startSession(this, measured, nowNanos, nowNanos, done + 1, index(done + 1, user), user);
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
  public long stop(boolean wholePlan) {
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
