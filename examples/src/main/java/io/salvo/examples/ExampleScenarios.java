package io.salvo.examples;

import io.salvo.sdk.SalvoResponse;
import io.salvo.sdk.SalvoScenario;
import io.salvo.sdk.ScenarioProvider;
import java.util.List;

/**
 * The code scenarios this jar offers to {@code salvo agent --plan-scenarios salvo-examples.jar},
 * for plans that name them in {@code code:} steps:
 *
 * <ul>
 *   <li>{@code fetch}: a GET of the URL in the session's {@code url} variable (a feeder column or
 *       an extracted value), ok below status 400.
 * </ul>
 */
public final class ExampleScenarios implements ScenarioProvider {
  @Override
  public List<SalvoScenario> scenarios() {
    return List.of(
        SalvoScenario.createAsync(
            "fetch",
            ctx -> {
              String url = ctx.feed("url");
              if (url == null) {
                return java.util.concurrent.CompletableFuture.completedFuture(
                    SalvoResponse.fail("no url variable"));
              }
              return ctx.http().get(url).thenApply(SalvoResponse::of);
            }));
  }
}
