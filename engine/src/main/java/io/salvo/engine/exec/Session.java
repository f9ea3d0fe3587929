package io.salvo.engine.exec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.Http2Headers;
import io.salvo.engine.code.CodeHttpException;
import io.salvo.engine.code.CodeOutcome;
import io.salvo.engine.http.ConnectionListener;
import io.salvo.engine.http.PendingRequest;
import io.salvo.engine.http.RequestPlan;
import io.salvo.engine.http.Response;
import io.salvo.engine.session.CookieJar;
import io.salvo.engine.session.TemplateContext;
import io.salvo.stats.ErrorKind;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One execution of a scenario by a virtual user: its steps in order, each request's latency
 * measured from the instant it was meant to start. It carries the session's variables (feeder rows,
 * extracted values) and cookies from one request to the next. Reused from a free list; lives on its
 * worker's loop. Runs as a task to resume after a think time.
 */
final class Session implements PendingRequest, Runnable, TemplateContext {
  private final ScenarioRun run;
  private final String[] vars;
  private final CookieJar jar;
  private final BodyText bodyText = new BodyText();
  private Driver owner;
  private int step;
  private long intendedNanos;
  private long bytesSent;
  private String renderedTarget;
  private int kind;
  private long index;
  private Map<String, Object> data;
  private CodeInvocation code;

  /** Which iteration of its user this session is (closed model); 1 for open-model arrivals. */
  long iterations;

  /** Which of its driver's users runs it (closed model). */
  int user;

  Session(ScenarioRun run, int variables, boolean cookies) {
    this.run = run;
    this.vars = new String[variables];
    this.jar = cookies ? new CookieJar() : null;
  }

  /**
   * Starts the scenario from its first step; {@code intendedNanos} may lie in the past.
   *
   * @param index {@code ${session.index}}
   */
  void begin(Driver owner, int kind, long intendedNanos, long index) {
    this.owner = owner;
    this.kind = kind;
    this.index = index;
    this.step = -1;
    Arrays.fill(vars, null);
    if (jar != null) {
      jar.clear();
    }
    if (data != null) {
      data.clear();
    }
    run.fill(vars);
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
        bytesSent = 0;
        s.pool().submit(this);
        return;
      }
      if (s.isCode()) {
        intendedNanos = readyNanos;
        code = new CodeInvocation(this, run, s, run.stepName(s), System.nanoTime());
        run.codeStarted(code);
        code.start();
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

  private StepPlan current() {
    return run.steps()[step];
  }

  // --- code steps ---

  long index() {
    return index;
  }

  boolean warmup() {
    return kind == ScenarioRun.WARMUP;
  }

  /** A feeder column or an extracted value by name, or null. */
  String variable(String name) {
    int slot = run.slot(name);
    return slot < 0 ? null : vars[slot];
  }

  Map<String, Object> data() {
    if (data == null) {
      data = new ConcurrentHashMap<>();
    }
    return data;
  }

  /** The code step's stage completed (on the loop); ignored when the step was abandoned. */
  void codeDone(CodeInvocation call, CodeOutcome outcome, Throwable failure, long nowNanos) {
    if (call != code) {
      return;
    }
    code = null;
    run.codeEnded(call);
    StepPlan s = current();
    for (CodeInvocation.Timing t : call.timings()) {
      run.recordTiming(t.name(), kind, t.nanos(), t.outcome());
    }
    CodeOutcome o = outcome;
    if (failure != null) {
      CodeHttpException http = CodeInvocation.httpFailure(failure);
      if (http != null) {
        run.recordFailure(s, kind, http.kind(), 0);
        run.sessionDone(this);
        return;
      }
      o = CodeOutcome.thrown(failure);
    } else if (o == null) {
      o = CodeOutcome.fail(0, "no outcome");
    }
    long latency = nowNanos - intendedNanos;
    if (o.ok()) {
      run.recordResponse(s, kind, latency, 0, o.status(), true, o.bytes(), 0);
      next(nowNanos);
      return;
    }
    run.recordFailedCheck(s, kind, o.message());
    if (o.status() != 0) {
      run.recordResponse(s, kind, latency, 0, o.status(), false, o.bytes(), 0);
    } else {
      run.recordFailure(s, kind, ErrorKind.CODE, 0);
    }
    // A failed step ends the session: later steps usually depend on it.
    run.sessionDone(this);
  }

  /**
   * The code step in flight is given up (the run stopped, or it outlived the request timeout):
   * counted as {@code kind} ({@code null}: not counted); whatever it completes with later is
   * ignored.
   */
  void abandonCode(ErrorKind kind) {
    CodeInvocation call = code;
    if (call == null) {
      return;
    }
    code = null;
    run.codeEnded(call);
    if (kind != null) {
      run.recordFailure(current(), this.kind, kind, 0);
    }
    run.sessionDone(this);
  }

  CodeInvocation code() {
    return code;
  }

  // --- the request, rendered for this session ---

  @Override
  public int capture() {
    return current().capture();
  }

  @Override
  public boolean head() {
    return current().request().head();
  }

  @Override
  public int sizeHint() {
    int n = current().request().staticLength();
    return n > 0 ? n + (jar == null || jar.isEmpty() ? 0 : 256) : 512;
  }

  /**
   * The request target of the request being sent, rendered once when cookies need it (to choose the
   * cookies to send and to place the ones it receives), so the request carries exactly the target
   * they were chosen for, random built-ins included; null when nothing needs it.
   */
  private String renderTarget(RequestPlan r) {
    renderedTarget = jar == null || r.staticTarget() ? null : r.target(this);
    return renderedTarget;
  }

  /** The path and query of the current request as sent. */
  private String sentTarget(RequestPlan r) {
    return renderedTarget != null ? renderedTarget : r.target(this);
  }

  private String cookieHeader(RequestPlan r) {
    if (jar == null || jar.isEmpty() || r.ownCookieHeader()) {
      return null;
    }
    return jar.header(r.host(), sentTarget(r), r.https(), System.currentTimeMillis());
  }

  @Override
  public int writeHttp1(ByteBuf out) {
    RequestPlan r = current().request();
    String target = renderTarget(r);
    int n = r.writeHttp1(out, this, cookieHeader(r), target);
    bytesSent = n;
    return n;
  }

  @Override
  public Http2Headers http2Headers(long[] sizeOut) {
    RequestPlan r = current().request();
    String target = renderTarget(r);
    Http2Headers h = r.http2Headers(this, cookieHeader(r), target, sizeOut);
    bytesSent = sizeOut[0];
    return h;
  }

  @Override
  public ByteBuf http2Body(ByteBufAllocator alloc) {
    ByteBuf body = current().request().http2Body(alloc, this);
    if (body != null) {
      bytesSent += body.readableBytes();
    }
    return body;
  }

  @Override
  public ConnectionListener connectionListener() {
    return kind == ScenarioRun.MEASURED ? current().handshakes() : current().warmupHandshakes();
  }

  // --- template inputs ---

  @Override
  public String variable(int slot) {
    return vars[slot];
  }

  @Override
  public long sessionIndex() {
    return index;
  }

  @Override
  public SplittableRandom random() {
    return run.random();
  }

  // --- outcomes ---

  @Override
  public void onResponse(Response response, long sent, long sentNanos, long nowNanos) {
    StepPlan s = current();
    int status = response.status();
    boolean passed = s.expect().accepts(status);
    if (!passed) {
      run.recordFailedCheck(s, kind, s.statusLabel());
    }
    if (jar != null && !response.setCookies().isEmpty()) {
      RequestPlan r = s.request();
      String path = sentTarget(r);
      long now = System.currentTimeMillis();
      for (String c : response.setCookies()) {
        jar.store(c, r.host(), path, now);
      }
    }
    boolean missing = false;
    bodyText.reset();
    for (Extraction e : s.extractors()) {
      String v = e.from(response, bodyText);
      if (v != null) {
        vars[e.slot] = v;
      } else if (e.extractor.required()) {
        missing = true;
        passed = false;
        run.recordFailedCheck(s, kind, e.label);
      }
    }
    for (BodyCheckRule c : s.checks()) {
      if (!c.passes(response, bodyText, this)) {
        passed = false;
        run.recordFailedCheck(s, kind, c.label);
      }
    }
    bodyText.reset();
    run.recordResponse(
        s,
        kind,
        nowNanos - intendedNanos,
        nowNanos - sentNanos,
        status,
        passed,
        response.bytes(),
        sent);
    if (missing) {
      // A later step needs what is missing: the session ends here, as after a failed request.
      run.sessionDone(this);
      return;
    }
    next(nowNanos);
  }

  @Override
  public void onFailure(ErrorKind kind, long nowNanos) {
    if (kind != null) {
      run.recordFailure(current(), this.kind, kind, bytesSent);
    }
    // A failed request ends the session: later steps usually depend on it.
    run.sessionDone(this);
  }
}
