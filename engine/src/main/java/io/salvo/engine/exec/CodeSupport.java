package io.salvo.engine.exec;

import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.engine.http.OriginSetup;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * What a node's workers share to run code steps.
 *
 * @param threads where blocking code runs
 * @param origins how code's HTTP client reaches each origin, resolved once for the node
 * @param allowed where code's HTTP may go; null admits every target
 */
public record CodeSupport(
    CodeRegistry registry,
    Executor threads,
    ConcurrentMap<String, OriginSetup> origins,
    TargetAllowList allowed) {

  public static CodeSupport of(CodeRegistry registry, Executor threads, TargetAllowList allowed) {
    return new CodeSupport(registry, threads, new ConcurrentHashMap<>(), allowed);
  }
}
