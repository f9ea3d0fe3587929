package io.salvo.engine.exec;

/**
 * Closed model: a fixed number of users each run the scenario again as soon as the previous session
 * ends, until the phase's end ({@code constantUsers}) or until each has run its number of
 * iterations ({@code iterations}, bounded by {@code maxDuration}).
 *
 * <p>When a closed phase follows another (a warm-up, say), a user of the earlier phase whose
 * session is still running at the boundary carries on into the new phase when that session ends,
 * instead of the new phase starting a user of its own beside it: N users stay N users across the
 * boundary, never N plus the stragglers (which would queue for connections and show as latency).
 */
final class ClosedDriver implements Driver {
  private final ScenarioRun run;
  private final long users;
  private final long iterationsPerUser;
  private final long lengthNanos;
  private final int kind;
  private final long firstUser;
  private final long allUsers;
  private long endNanos;
  private long active;
  private ClosedDriver previous;
  private ClosedDriver next;
  private boolean started;
  private long toAdopt;
  private int nextUser;
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
      int kind,
      long firstUser,
      long allUsers) {
    this.run = run;
    this.users = users;
    this.iterationsPerUser = iterationsPerUser;
    this.lengthNanos = lengthNanos;
    this.kind = kind;
    this.firstUser = firstUser;
    this.allUsers = allUsers;
  }

  /** This phase follows {@code earlier}, a closed phase: it takes over its running users. */
  void follow(ClosedDriver earlier) {
    previous = earlier;
    earlier.next = this;
  }

  @Override
  public void start(long nowNanos) {
    if (finished) {
      return;
    }
    started = true;
    endNanos = run.phaseStartNanos(this) + lengthNanos;
    // The earlier phase's users still in a session become this phase's as their sessions end.
    toAdopt = previous == null ? 0 : Math.min(users, previous.active);
    long fresh = users - toAdopt;
    for (int u = 0; u < fresh && !stopping; u++) {
      if (!run.claimRows()) {
        break;
      }
      active++;
      nextUser++;
      run.startSession(this, kind, nowNanos, nowNanos, 1, index(1, u), u);
    }
    if (active == 0 && toAdopt == 0) {
      finish();
    }
  }

  /**
   * A user of the earlier phase finished its session: it starts its first session of this phase.
   *
   * @return false when this phase needs no more users (or cannot start one)
   */
  private boolean adopt(long nowNanos) {
    if (!started || finished || stopping || toAdopt == 0) {
      return false;
    }
    toAdopt--;
    if (nowNanos >= endNanos || !run.claimRows()) {
      if (active == 0 && toAdopt == 0) {
        finish();
      }
      return false;
    }
    int u = nextUser++;
    active++;
    run.startSession(this, kind, nowNanos, nowNanos, 1, index(1, u), u);
    return true;
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
      run.startSession(this, kind, nowNanos, nowNanos, done + 1, index(done + 1, user), user);
      return;
    }
    if (!stopping && next != null) {
      next.adopt(nowNanos);
    }
    if (--active == 0) {
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
    toAdopt = 0;
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
