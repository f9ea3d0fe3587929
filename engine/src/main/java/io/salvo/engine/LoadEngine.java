package io.salvo.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.salvo.engine.exec.CodeSupport;
import io.salvo.engine.exec.Worker;
import io.salvo.engine.http.OriginPool;
import io.salvo.engine.http.OriginProfile;
import io.salvo.engine.http.OriginSetup;
import io.salvo.engine.http.TlsContexts;
import io.salvo.plan.CodeStep;
import io.salvo.plan.HttpProtocol;
import io.salvo.plan.HttpStep;
import io.salvo.plan.HttpUrls;
import io.salvo.plan.Plan;
import io.salvo.plan.Target;
import io.salvo.plan.TlsSettings;
import io.salvo.stats.OriginInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Runs a node's part of a plan.
 *
 * <pre>{@code
 * EngineRun run = LoadEngine.start(plan, parts, EngineOptions.defaults(), interval -> show(interval));
 * EngineResult result = run.await();
 * }</pre>
 *
 * Before anything starts, every origin is resolved and (unless disabled) one connection is set up
 * to it the way the run will (TCP, TLS with the plan's trust and client certificate, the HTTP
 * version), so an unreachable target, an untrusted certificate or a server that does not speak
 * HTTP/2 fails fast, with the reason, and leaves nothing running.
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
    if (options.allowedTargets() != null) {
      Set<String> aimed = new LinkedHashSet<>();
      for (ScenarioPart part : parts) {
        for (HttpStep step : part.scenario().requests()) {
          aimed.add(HttpUrls.origin(step.origin(plan.target())));
        }
      }
      Optional<String> refused = options.allowedTargets().refusal(aimed);
      if (refused.isPresent()) {
        throw new TargetNotAllowedException(refused.get());
      }
    }
    Optional<String> missing = options.code().missing(parts);
    if (missing.isPresent()) {
      throw new CodeNotRegisteredException(missing.get());
    }
    Map<String, String> firstUse = new LinkedHashMap<>();
    Map<String, OriginSetup> origins = origins(plan.target(), parts, firstUse);
    MultiThreadIoEventLoopGroup group =
        Transport.group(options.eventLoops(), options.threadFactory());
    List<Worker> workers = new ArrayList<>();
    List<OriginInfo> described;
    ExecutorService codeThreads = blockingCode(parts, options) ? codeThreads(options) : null;
    CodeSupport code =
        CodeSupport.of(
            options.code(),
            codeThreads != null ? codeThreads : Runnable::run,
            options.allowedTargets());
    try {
      var bootstrap = Transport.bootstrap((int) plan.target().connectTimeout().toMillis());
      int i = 0;
      Map<String, io.salvo.engine.session.FeederCursor> feeders = new HashMap<>();
      for (EventExecutor e : group) {
        workers.add(
            new Worker(
                (EventLoop) e,
                i++,
                options.eventLoops(),
                plan,
                parts,
                bootstrap,
                origins,
                feeders,
                options.recordServiceTime(),
                code));
      }
      described =
          options.preflight()
              ? preflight(plan.target(), origins, firstUse, bootstrap, group)
              : List.of();
    } catch (TargetUnreachableException | RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      if (codeThreads != null) {
        codeThreads.shutdownNow();
      }
      throw e;
    }
    Instant startAt = options.startAt() != null ? options.startAt() : Instant.now().plus(LEAD);
    long t0 = System.nanoTime() + Duration.between(Instant.now(), startAt).toNanos();
    for (Worker w : workers) {
      w.start(t0);
    }
    return new EngineRun(
        plan, parts, options, listener, group, workers, startAt, t0, described, codeThreads);
  }

  private static boolean blockingCode(List<ScenarioPart> parts, EngineOptions options) {
    for (ScenarioPart p : parts) {
      for (CodeStep c : p.scenario().codeSteps()) {
        if (options.code().get(c.name()).blocking()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Threads for blocking code: one per session in a blocking code step, made as needed and kept a
   * minute when idle (a scenario's {@code maxInFlight} bounds how many).
   */
  private static ExecutorService codeThreads(EngineOptions options) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory base = options.threadFactory();
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = base != null ? base.newThread(r) : new Thread(r);
          t.setName("salvo-code-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * How to connect to each origin, in each HTTP version the plan uses there: the address resolved
   * once, and a TLS context per HTTP version for https (ALPN offers differ).
   */
  private static Map<String, OriginSetup> origins(
      Target target, List<ScenarioPart> parts, Map<String, String> firstUse)
      throws TargetUnreachableException {
    Map<String, OriginSetup> out = new LinkedHashMap<>();
    Map<String, OriginProfile> profiles = new HashMap<>();
    Map<HttpProtocol, SslContext> contexts = new HashMap<>();
    TlsSettings tls = target.tlsOrDefault();
    for (ScenarioPart part : parts) {
      for (HttpStep step : part.scenario().requests()) {
        URI url = step.origin(target);
        String origin = HttpUrls.origin(url);
        HttpProtocol protocol = step.http() != null ? step.http() : target.http();
        String key = Worker.originKey(origin, protocol);
        if (out.containsKey(key)) {
          continue;
        }
        firstUse.put(key, part.scenario().name());
        InetSocketAddress address;
        try {
          address = new InetSocketAddress(InetAddress.getByName(url.getHost()), HttpUrls.port(url));
        } catch (UnknownHostException e) {
          throw new TargetUnreachableException(
              "cannot resolve host '" + url.getHost() + "' of " + origin, e);
        }
        boolean https = "https".equals(url.getScheme());
        SslContext ssl = null;
        if (https) {
          try {
            ssl = contexts.get(protocol);
            if (ssl == null) {
              ssl = TlsContexts.client(tls, protocol);
              contexts.put(protocol, ssl);
            }
          } catch (SSLException | IllegalArgumentException e) {
            throw new TargetUnreachableException(
                "cannot set up TLS for " + origin + ": " + e.getMessage(), e);
          }
        }
        out.put(
            key,
            new OriginSetup(
                origin,
                url.getHost(),
                HttpUrls.port(url),
                address,
                ssl,
                protocol,
                target.maxStreams(),
                target.connectTimeout().toMillis(),
                https ? TlsContexts.label(TlsContexts.provider(tls)) : null,
                https && !tls.insecure(),
                https && tls.hasClientCertificate(),
                profiles.computeIfAbsent(key, k -> new OriginProfile())));
      }
    }
    return out;
  }

  /**
   * Sets up one connection to each origin as the run will, all at once, and says how each was
   * spoken to; the first that fails stops the run before it starts.
   */
  private static List<OriginInfo> preflight(
      Target target,
      Map<String, OriginSetup> origins,
      Map<String, String> firstUse,
      io.netty.bootstrap.Bootstrap bootstrap,
      MultiThreadIoEventLoopGroup group)
      throws TargetUnreachableException {
    Map<String, java.util.concurrent.CompletableFuture<OriginInfo>> probes = new LinkedHashMap<>();
    for (Map.Entry<String, OriginSetup> e : origins.entrySet()) {
      OriginPool probe = new OriginPool(bootstrap.clone().group(group.next()), e.getValue(), 1);
      probes.put(e.getKey(), probe.probe());
    }
    List<OriginInfo> out = new ArrayList<>();
    long wait = target.connectTimeout().toMillis() + 1000;
    for (Map.Entry<String, java.util.concurrent.CompletableFuture<OriginInfo>> p :
        probes.entrySet()) {
      OriginSetup o = origins.get(p.getKey());
      String where = o.origin() + " (scenario " + firstUse.get(p.getKey()) + ")";
      try {
        OriginInfo info = p.getValue().get(wait, TimeUnit.MILLISECONDS);
        if (!out.contains(info)) {
          out.add(info);
        }
      } catch (ExecutionException e) {
        throw new TargetUnreachableException(
            "cannot connect to " + where + ": " + e.getCause().getMessage(), e.getCause());
      } catch (TimeoutException e) {
        throw new TargetUnreachableException(
            "cannot connect to "
                + where
                + ": no connection within the connect timeout ("
                + target.connectTimeout().toMillis()
                + " ms)",
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TargetUnreachableException("interrupted while connecting to " + o.origin(), e);
      }
    }
    return out;
  }
}
