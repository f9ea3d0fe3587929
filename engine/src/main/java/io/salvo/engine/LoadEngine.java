package io.salvo.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.salvo.engine.exec.Worker;
import io.salvo.plan.HttpStep;
import io.salvo.plan.HttpUrls;
import io.salvo.plan.Plan;
import io.salvo.plan.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a node's part of a plan.
 *
 * <pre>{@code
 * EngineRun run = LoadEngine.start(plan, parts, EngineOptions.defaults(), interval -> show(interval));
 * EngineResult result = run.await();
 * }</pre>
 *
 * Before anything starts, every origin is resolved and (unless disabled) connected to once, so an
 * unreachable target fails fast and leaves nothing running.
 */
public final class LoadEngine {
  /** Room for the event loops to be ready when no start instant is agreed. */
  private static final Duration LEAD = Duration.ofMillis(50);

  private LoadEngine() {}

  /** Runs every scenario of the plan in full on this node. */
  public static EngineRun start(Plan plan, EngineOptions options, IntervalListener listener)
      throws TargetUnreachableException {
    return start(
        plan, plan.scenarios().stream().map(ScenarioPart::whole).toList(), options, listener);
  }

  public static EngineRun start(
      Plan plan, List<ScenarioPart> parts, EngineOptions options, IntervalListener listener)
      throws TargetUnreachableException {
    Target target = plan.target();
    Map<String, InetSocketAddress> addresses = resolve(target, parts, options.preflight());
    MultiThreadIoEventLoopGroup group =
        Transport.group(options.eventLoops(), options.threadFactory());
    List<Worker> workers = new ArrayList<>();
    try {
      var bootstrap = Transport.bootstrap((int) target.connectTimeout().toMillis());
      int i = 0;
      for (EventExecutor e : group) {
        workers.add(
            new Worker(
                (EventLoop) e,
                i++,
                options.eventLoops(),
                target,
                parts,
                bootstrap,
                addresses,
                options.recordServiceTime()));
      }
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
      throw e;
    }
    Instant startAt = options.startAt() != null ? options.startAt() : Instant.now().plus(LEAD);
    long t0 = System.nanoTime() + Duration.between(Instant.now(), startAt).toNanos();
    for (Worker w : workers) {
      w.start(t0);
    }
    return new EngineRun(plan, parts, options, listener, group, workers, startAt, t0);
  }

  /** Resolves each origin once and, for a preflight, opens and closes one connection to it. */
  private static Map<String, InetSocketAddress> resolve(
      Target target, List<ScenarioPart> parts, boolean connect) throws TargetUnreachableException {
    Map<String, InetSocketAddress> out = new LinkedHashMap<>();
    for (ScenarioPart part : parts) {
      for (HttpStep step : part.scenario().requests()) {
        URI url = step.resolve(target);
        String origin = HttpUrls.origin(url);
        if (out.containsKey(origin)) {
          continue;
        }
        if ("https".equals(url.getScheme())) {
          throw new TargetUnreachableException(
              "scenario "
                  + part.scenario().name()
                  + " step '"
                  + step.name()
                  + "' targets "
                  + origin
                  + ": https is not supported yet; use http",
              null);
        }
        InetSocketAddress address;
        try {
          address = new InetSocketAddress(InetAddress.getByName(url.getHost()), HttpUrls.port(url));
        } catch (UnknownHostException e) {
          throw new TargetUnreachableException(
              "cannot resolve host '" + url.getHost() + "' of " + origin, e);
        }
        if (connect) {
          try (Socket s = new Socket()) {
            s.connect(address, (int) target.connectTimeout().toMillis());
          } catch (IOException e) {
            throw new TargetUnreachableException(
                "cannot connect to "
                    + origin
                    + " (scenario "
                    + part.scenario().name()
                    + "): "
                    + e.getMessage(),
                e);
          }
        }
        out.put(origin, address);
      }
    }
    return out;
  }
}
