package io.salvo.engine.code;

import java.util.concurrent.CompletionStage;

/**
 * Code run as a step. A non-blocking function is called on the worker's event loop and must not
 * block it; a blocking one is called on the node's code threads. Either way the step ends when the
 * stage completes; an exception, thrown or completing the stage, fails the step by its type.
 */
@FunctionalInterface
public interface CodeFunction {
  CompletionStage<CodeOutcome> call(CodeCall call) throws Exception;
}
