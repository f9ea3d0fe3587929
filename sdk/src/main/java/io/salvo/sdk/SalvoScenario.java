package io.salvo.sdk;

import io.salvo.engine.code.CodeFunction;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.plan.CodeStep;
import io.salvo.plan.Feeder;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.PlanRuleException;
import io.salvo.plan.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A scenario written in Java: a function each session runs, and the load that drives it.
 *
 * <pre>{@code
 * var submit = SalvoScenario.create("submit-orders", ctx -> SalvoResponse.ok("200"))
 *     .withLoadSimulations(SalvoSimulation.injectPerSec(100, Duration.ofSeconds(30)));
 * }</pre>
 *
 * A scenario made with {@link #create} may block (JDBC, a blocking client, {@code join()}): it runs
 * on threads of its own, one per session in flight. One made with {@link #createAsync} must not
 * block: it runs on Salvo's event loops and ends when its stage completes, which is how HTTP
 * through {@link SalvoContext#http()} keeps the engine's speed. Either way a session's latency
 * counts from its intended start, so a slow target or a full thread pool shows in the percentiles.
 *
 * <p>Immutable: each {@code with} method returns a new scenario.
 */
public final class SalvoScenario {
  /** The code of a scenario that may block. */
  @FunctionalInterface
  public interface Body {
    SalvoResponse run(SalvoContext ctx) throws Exception;
  }

  /** The code of a scenario that does not block. */
  @FunctionalInterface
  public interface AsyncBody {
    CompletionStage<SalvoResponse> run(SalvoContext ctx) throws Exception;
  }

  /** Sessions a blocking scenario may have in flight on one node unless told: a thread each. */
  public static final int DEFAULT_BLOCKING_IN_FLIGHT = 1_000;

  private final String name;
  private final CodeFunction function;
  private final boolean blocking;
  private final List<SalvoSimulation> load;
  private final int maxInFlight;
  private final List<SalvoFeed> feeds;

  private SalvoScenario(
      String name,
      CodeFunction function,
      boolean blocking,
      List<SalvoSimulation> load,
      int maxInFlight,
      List<SalvoFeed> feeds) {
    this.name = name;
    this.function = function;
    this.blocking = blocking;
    this.load = load;
    this.maxInFlight = maxInFlight;
    this.feeds = feeds;
  }

  /** A scenario whose code may block. */
  public static SalvoScenario create(String name, Body body) {
    check(name, body);
    CodeFunction f =
        call -> CompletableFuture.completedFuture(outcome(name, body.run(new SalvoContext(call))));
    return new SalvoScenario(name, f, true, List.of(), DEFAULT_BLOCKING_IN_FLIGHT, List.of());
  }

  /** A scenario whose code does not block: it returns a stage that completes when it is done. */
  public static SalvoScenario createAsync(String name, AsyncBody body) {
    check(name, body);
    CodeFunction f =
        call -> {
          CompletionStage<SalvoResponse> stage = body.run(new SalvoContext(call));
          if (stage == null) {
            throw new NullPointerException("scenario '" + name + "' returned no stage");
          }
          return stage.thenApply(r -> outcome(name, r));
        };
    return new SalvoScenario(name, f, false, List.of(), Scenario.DEFAULT_MAX_IN_FLIGHT, List.of());
  }

  private static void check(String name, Object body) {
    try {
      new CodeStep(name);
    } catch (PlanRuleException e) {
      throw new IllegalArgumentException(
          "scenario name must be "
              + io.salvo.plan.Names.RULE
              + ", was "
              + (name == null ? "null" : "'" + name + "'"),
          e);
    }
    if (body == null) {
      throw new IllegalArgumentException("scenario '" + name + "' needs its code");
    }
  }

  private static io.salvo.engine.code.CodeOutcome outcome(String name, SalvoResponse r) {
    if (r == null) {
      throw new NullPointerException("scenario '" + name + "' returned no SalvoResponse");
    }
    return r.outcome();
  }

  /**
   * The load, phase after phase: warm-ups first, iterations only last.
   *
   * @throws IllegalArgumentException when the phases cannot go in this order
   */
  public SalvoScenario withLoadSimulations(SalvoSimulation... simulations) {
    if (simulations == null || simulations.length == 0) {
      throw new IllegalArgumentException("scenario '" + name + "' needs at least one simulation");
    }
    SalvoScenario s =
        new SalvoScenario(name, function, blocking, List.of(simulations), maxInFlight, feeds);
    s.scenario(); // the order rules, now
    return s;
  }

  /**
   * The most sessions of this scenario in flight on one node (default 10,000, or 1,000 for a
   * blocking one); arrivals due beyond it wait in a measured backlog.
   */
  public SalvoScenario withMaxInFlight(int sessions) {
    if (sessions < 1) {
      throw new IllegalArgumentException(
          "scenario '" + name + "': maxInFlight must be > 0, was " + sessions);
    }
    return new SalvoScenario(name, function, blocking, load, sessions, feeds);
  }

  /** A feeder each session takes a row from ({@link SalvoContext#feed}). */
  public SalvoScenario withFeed(SalvoFeed feed) {
    List<SalvoFeed> all = new ArrayList<>(feeds);
    for (SalvoFeed f : feeds) {
      if (f.feeder().name().equals(feed.feeder().name())) {
        throw new IllegalArgumentException(
            "scenario '" + name + "' already has a feed named '" + f.feeder().name() + "'");
      }
    }
    all.add(feed);
    return new SalvoScenario(name, function, blocking, load, maxInFlight, List.copyOf(all));
  }

  public String name() {
    return name;
  }

  boolean hasLoad() {
    return !load.isEmpty();
  }

  List<Feeder> feeders() {
    return feeds.stream().map(SalvoFeed::feeder).toList();
  }

  /** The plan's scenario: one code step, named after the scenario, with this load. */
  Scenario scenario() {
    List<LoadPhase> phases = load.stream().map(SalvoSimulation::phase).toList();
    try {
      return new Scenario(
          name,
          List.of(new CodeStep(name)),
          phases,
          maxInFlight,
          feeds.stream().map(f -> f.feeder().name()).toList());
    } catch (PlanRuleException e) {
      throw new IllegalArgumentException("scenario '" + name + "': " + e.getMessage(), e);
    }
  }

  CodeRegistry register(CodeRegistry registry) {
    return registry.with(name, function, blocking);
  }

  @Override
  public String toString() {
    return "scenario " + name + " " + Arrays.toString(load.toArray());
  }
}
