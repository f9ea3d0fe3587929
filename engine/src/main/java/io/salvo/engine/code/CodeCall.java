package io.salvo.engine.code;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a code step gets each time a session reaches it. Valid until the step's stage completes;
 * safe to use from the thread the code runs on and from the threads completing its stages.
 */
public interface CodeCall {
  /** The scenario's name. */
  String scenario();

  /** The code step's name. */
  String step();

  /** The session's number, unique in the run across nodes ({@code ${session.index}}). */
  long sessionIndex();

  /** Which iteration of its virtual user this session is (closed model); 1 in the open model. */
  long iteration();

  /** Whether this is a warm-up session, whose figures are dropped. */
  boolean warmup();

  /** A feeder column or a value an earlier request extracted, or null. */
  String variable(String name);

  /** Values the session's code steps keep for its later steps; empty when a session begins. */
  Map<String, Object> data();

  /** Random numbers for this call (its own, split from the worker's). */
  SplittableRandom random();

  /** An HTTP client on Salvo's engine: the worker's connections to each origin. */
  CodeHttp http();

  /**
   * A timing inside the step, reported under {@code name} with its own histogram; called at most
   * once per timing, from any thread, before the step's stage completes.
   */
  void record(String name, long nanos, CodeOutcome outcome);
}
