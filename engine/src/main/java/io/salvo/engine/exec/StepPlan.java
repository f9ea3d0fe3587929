package io.salvo.engine.exec;

import io.salvo.engine.http.OriginPool;
import io.salvo.engine.http.RequestTemplate;
import io.salvo.plan.StatusExpectation;

/**
 * A step compiled for one worker: a request (template, pool, check, where its stats go) or a think
 * time.
 *
 * @param statIndex index of the request among the scenario's request steps; -1 for think time
 */
record StepPlan(
    RequestTemplate template,
    OriginPool pool,
    StatusExpectation expect,
    int statIndex,
    long thinkNanos) {

  boolean isRequest() {
    return template != null;
  }
}
