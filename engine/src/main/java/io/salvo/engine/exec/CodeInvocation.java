package io.salvo.engine.exec;

import io.salvo.engine.code.CodeCall;
import io.salvo.engine.code.CodeHttp;
import io.salvo.engine.code.CodeHttpException;
import io.salvo.engine.code.CodeOutcome;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.plan.CodeStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * One call of a code step by a session: calls the code (on the loop, or on the node's code threads
 * when it blocks), stamps the instant its stage completes, and hands the outcome back to the
 * session on the loop.
 */
final class CodeInvocation implements CodeCall {
  /** A timing the code recorded inside the step. */
  record Timing(String name, long nanos, CodeOutcome outcome) {}

  private final Session session;
  private final ScenarioRun run;
  private final StepPlan step;
  private final String stepName;
  private final SplittableRandom random;
  private final List<Timing> timings = new ArrayList<>();

  /** When the code was called ({@link System#nanoTime()}): its timeout counts from here. */
  final long calledNanos;

  CodeInvocation(Session session, ScenarioRun run, StepPlan step, String stepName, long now) {
    this.session = session;
    this.run = run;
    this.step = step;
    this.stepName = stepName;
    this.random = run.random().split();
    this.calledNanos = now;
  }

  Session session() {
    return session;
  }

  void start() {
    CodeRegistry.Entry code = step.code();
    if (code.blocking()) {
      run.codeThreads().execute(this::call);
    } else {
      call();
    }
  }

  private void call() {
    CompletionStage<CodeOutcome> stage;
    try {
      stage = step.code().function().call(this);
      if (stage == null) {
        throw new NullPointerException("the code of step '" + stepName + "' returned no stage");
      }
    } catch (Throwable t) {
      done(null, t);
      return;
    }
    stage.whenComplete(this::done);
  }

  private void done(CodeOutcome outcome, Throwable failure) {
    long now = System.nanoTime();
    if (run.loop().inEventLoop()) {
      session.codeDone(this, outcome, failure, now);
    } else {
      run.loop().execute(() -> session.codeDone(this, outcome, failure, now));
    }
  }

  /** The HTTP failure behind a code step's failure, when that is what it was. */
  static CodeHttpException httpFailure(Throwable t) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof CodeHttpException h) {
        return h;
      }
      if (!(c instanceof CompletionException || c instanceof ExecutionException)) {
        return null;
      }
      c = c.getCause();
    }
    return null;
  }

  /** The timings recorded inside the step; read on the loop once the stage completed. */
  List<Timing> timings() {
    synchronized (timings) {
      return List.copyOf(timings);
    }
  }

  @Override
  public String scenario() {
    return run.name();
  }

  @Override
  public String step() {
    return stepName;
  }

  @Override
  public long sessionIndex() {
    return session.index();
  }

  @Override
  public long iteration() {
    return session.iterations;
  }

  @Override
  public boolean warmup() {
    return session.warmup();
  }

  @Override
  public String variable(String name) {
    return session.variable(name);
  }

  @Override
  public Map<String, Object> data() {
    return session.data();
  }

  @Override
  public SplittableRandom random() {
    return random;
  }

  @Override
  public CodeHttp http() {
    return run.codeClient();
  }

  @Override
  public void record(String name, long nanos, CodeOutcome outcome) {
    new CodeStep(name); // a step name's rule: the report shows it as a row
    synchronized (timings) {
      timings.add(new Timing(name, nanos, outcome));
    }
  }
}
