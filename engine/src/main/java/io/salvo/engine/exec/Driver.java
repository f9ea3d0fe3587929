package io.salvo.engine.exec;

/** Drives one load phase of one scenario on one worker. */
interface Driver {
  /** Starts the phase; called on the worker's loop at the phase's start instant. */
  void start(long nowNanos);

  /** A session this driver started has finished. */
  void sessionDone(Session session, long nowNanos);

  /** Capacity freed up (an open-model driver blocked by maxInFlight may go on). */
  default void capacityFreed(long nowNanos) {}

  /**
   * Stop starting sessions; returns how many arrivals will now never be sent: those already due, or
   * with {@code wholePlan} every one the phase had left (open model).
   */
  long stop(boolean wholePlan);

  boolean finished();
}
