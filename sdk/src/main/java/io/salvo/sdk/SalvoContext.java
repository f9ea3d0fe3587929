package io.salvo.sdk;

import io.salvo.engine.code.CodeCall;
import io.salvo.engine.code.CodeOutcome;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What a code scenario gets each time a session runs it: the session's data, its feeder row, a
 * random of its own, a logger, the invocation's number, an HTTP client on Salvo's engine, and
 * {@link #step} to time parts of the scenario under their own names.
 */
public final class SalvoContext {
  private final CodeCall call;
  private final SalvoHttp http;

  SalvoContext(CodeCall call) {
    this.call = call;
    this.http = new SalvoHttp(call.http());
  }

  public String scenarioName() {
    return call.scenario();
  }

  /**
   * This invocation's number, unique in the run across every node: 0, 1, 2... in the open model
   * (the arrival's number); in the closed model {@code (iteration - 1) x users + user}.
   */
  public long invocationNumber() {
    return call.sessionIndex();
  }

  /** Which iteration of its virtual user this is (closed model), from 1; 1 in the open model. */
  public long iteration() {
    return call.iteration();
  }

  /** Whether this runs in a warm-up, whose figures are dropped. */
  public boolean isWarmUp() {
    return call.warmup();
  }

  /**
   * A column of the scenario's feeder row for this session (or a value an earlier request of a YAML
   * scenario extracted); null when there is none by that name.
   */
  public String feed(String column) {
    return call.variable(column);
  }

  /** The session's own values: empty when it begins, kept across its code steps. */
  public Map<String, Object> data() {
    return call.data();
  }

  /** Random numbers of this invocation's own (not shared with other sessions). */
  public SplittableRandom random() {
    return call.random();
  }

  public Logger logger() {
    return Logger.getLogger("salvo.scenario." + call.scenario());
  }

  public SalvoHttp http() {
    return http;
  }

  /**
   * Runs {@code body} and reports its duration under {@code name}, with its own histogram: ok when
   * it returns (a {@link SalvoResponse} it returns gives the outcome), failed by the exception's
   * type when it throws; the exception goes on to the caller.
   */
  public <T> T step(String name, Callable<T> body) throws Exception {
    long start = System.nanoTime();
    T value;
    try {
      value = body.call();
    } catch (Exception | Error e) {
      call.record(name, System.nanoTime() - start, CodeOutcome.thrown(e));
      throw e;
    }
    call.record(name, System.nanoTime() - start, outcome(value));
    return value;
  }

  /**
   * The asynchronous {@link #step}: its duration runs until the stage completes. Record it before
   * the scenario's own stage completes (chain on what this returns).
   */
  public <T> CompletableFuture<T> stepAsync(String name, Supplier<CompletionStage<T>> body) {
    long start = System.nanoTime();
    CompletableFuture<T> out = new CompletableFuture<>();
    CompletionStage<T> stage;
    try {
      stage = body.get();
    } catch (RuntimeException | Error e) {
      call.record(name, System.nanoTime() - start, CodeOutcome.thrown(e));
      out.completeExceptionally(e);
      return out;
    }
    stage.whenComplete(
        (v, e) -> {
          long nanos = System.nanoTime() - start;
          if (e != null) {
            call.record(name, nanos, CodeOutcome.thrown(e));
            out.completeExceptionally(e);
          } else {
            call.record(name, nanos, outcome(v));
            out.complete(v);
          }
        });
    return out;
  }

  private static CodeOutcome outcome(Object value) {
    if (value instanceof SalvoResponse r) {
      return r.outcome();
    }
    if (value instanceof SalvoHttp.Reply reply) {
      return SalvoResponse.of(reply).outcome();
    }
    return CodeOutcome.ok(200, 0);
  }
}
