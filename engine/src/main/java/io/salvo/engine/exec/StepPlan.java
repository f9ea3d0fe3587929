package io.salvo.engine.exec;

import io.salvo.engine.code.CodeRegistry;
import io.salvo.engine.http.ConnectionListener;
import io.salvo.engine.http.OriginPool;
import io.salvo.engine.http.RequestPlan;
import io.salvo.engine.http.Response;
import io.salvo.plan.StatusExpectation;

/**
 * A step compiled for one worker: a request (its plan, pool, checks, extractors, where its stats
 * go), code, or a think time.
 *
 * @param statIndex index of the request among the scenario's request steps; -1 for think time
 * @param capture what of the response the checks and extractors (and the cookie jar) need: a mask
 *     of {@link Response} flags
 * @param handshakes records the TLS handshakes of connections this step's requests open
 * @param warmupHandshakes the same for warm-up requests, whose figures are dropped
 * @param code the registered code of a code step; null otherwise
 */
record StepPlan(
    RequestPlan request,
    OriginPool pool,
    StatusExpectation expect,
    String statusLabel,
    Extraction[] extractors,
    BodyCheckRule[] checks,
    int capture,
    int statIndex,
    long thinkNanos,
    ConnectionListener handshakes,
    ConnectionListener warmupHandshakes,
    CodeRegistry.Entry code) {

  static StepPlan think(long nanos) {
    return new StepPlan(null, null, null, null, null, null, 0, -1, nanos, null, null, null);
  }

  static StepPlan code(CodeRegistry.Entry code, int statIndex) {
    return new StepPlan(null, null, null, null, null, null, 0, statIndex, 0, null, null, code);
  }

  boolean isCode() {
    return code != null;
  }

  boolean isRequest() {
    return request != null;
  }
}
