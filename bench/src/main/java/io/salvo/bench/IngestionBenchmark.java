package io.salvo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.salvo.cli.client.CoordinatorClient;
import io.salvo.cli.cluster.LocalCluster;
import io.salvo.message.AgentHeartbeat;
import io.salvo.message.ClusterMessage;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.MessageCodec;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.report.Report;
import io.salvo.report.ReportJson;
import io.salvo.stats.ScenarioStats;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * How many agents one coordinator sustains: simulated agents heartbeat and send one interval result
 * per second each (a realistic histogram of a few hundred requests) into a real coordinator
 * (WildFly, embedded Artemis, H2), while the merged live view's lag behind the run's clock is
 * sampled from the REST API. The reference is the same broker moving the same messages to a plain
 * consumer, measured in the same run.
 *
 * <p>Strict: a step starts once the coordinator lists every simulated agent; a sample of the live
 * view that fails or takes over 2 s counts as at least 1 s of lag (and the time a sample takes
 * counts in its lag); each agent's final result carries the sum of its interval results, and the
 * run's merged total, and the sum of its seconds, must equal every request the agents sent, or the
 * step fails.
 *
 * <p>Arguments: agent counts to try (default 500 1000 1500 2000 3000), then {@code --seconds S}. A
 * warm-up step of 300 agents for 10 s comes first and is not counted.
 */
public final class IngestionBenchmark {
  private static final int OFFSET = 700;
  private static final String URL = "http://127.0.0.1:" + (LocalCluster.HTTP_BASE + OFFSET);
  private static final int SENDERS = 4;
  private static final int SNAPSHOTS = 64;

  private IngestionBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> steps = new ArrayList<>();
    int seconds = 15;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--seconds")) {
        seconds = Integer.parseInt(args[++i]);
      } else {
        steps.add(Integer.parseInt(args[i]));
      }
    }
    if (steps.isEmpty()) {
      steps = List.of(500, 1000, 1500, 2000, 3000);
    }
    Path home = Path.of(System.getProperty("salvo.home", ".")).toAbsolutePath().normalize();
    LocalCluster cluster = new LocalCluster(home, home.resolve(".salvo/bench"));
    cluster.stopAll();
    List<String> snapshots = snapshots();
    try {
      // The simulator's broker user may do anything (its temporary queue for the reference
      // included); agents' users may only send results and read their cluster's assignments.
      String password = java.util.UUID.randomUUID().toString();
      adminToken = cluster.adminToken();
      LocalCluster.Node coordinator =
          cluster.start(
              new LocalCluster.NodeSpec("coordinator", "coordinator", OFFSET, Map.of()),
              dir -> simulatorUser(dir, password));
      cluster.awaitHttp(URL + "/api/agents", Duration.ofSeconds(180), coordinator);
      ActiveMQConnectionFactory cf =
          new ActiveMQConnectionFactory(
              "tcp://127.0.0.1:"
                  + (LocalCluster.HTTP_BASE + OFFSET)
                  + "?httpUpgradeEnabled=true&enable1xPrefixes=true&blockOnDurableSend=false"
                  + "&confirmationWindowSize=1048576&producerWindowSize=-1",
              "salvo-bench",
              password);
      System.out.printf(
          "coordinator: WildFly 39, embedded Artemis, H2, on %d cores shared with this simulator%n",
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          "interval result: one scenario, one step, a histogram of ~300 requests (%d bytes of JSON)%n",
          snapshots.get(0).length() + 120);
      double ceiling = brokerCeiling(cf, snapshots.get(0));
      System.out.printf(
          "reference: the same broker moves %.0f such messages/s to a plain consumer%n%n", ceiling);
      System.out.printf(
          "%8s %12s %12s %12s %14s  %s%n",
          "agents", "results/s", "max lag s", "p95 lag s", "report ready s", "verdict");
      // A cold coordinator (interpreted code, empty caches) is not what runs for hours: warm it.
      Step warm = step(cf, 300, 10, snapshots);
      System.out.printf(
          Locale.ROOT,
          "%8s %12d %12.2f %12.2f %14.1f  %s%n",
          "warm-up",
          300,
          warm.maxLag,
          warm.p95Lag,
          warm.readySeconds,
          "not counted");
      int sustained = 0;
      for (int n : steps) {
        Step s = step(cf, n, seconds, snapshots);
        boolean ok = s.maxLag < 1.0 && s.completed();
        if (ok) {
          sustained = n;
        }
        System.out.printf(
            Locale.ROOT,
            "%8d %12d %12.2f %12.2f %14.1f  %s%n",
            n,
            n,
            s.maxLag,
            s.p95Lag,
            s.readySeconds,
            ok ? "within 1 s" : (s.completed() ? "lags" : s.problem()));
        if (!ok) {
          break;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%nsustained: %d agents (%d interval results/s) with the merged live view less than 1 s behind;"
              + " %.2f x the broker's plain throughput%n",
          sustained,
          sustained,
          sustained / ceiling);
    } finally {
      cluster.stopAll();
    }
  }

  /** Agents of {@code clusterId} the coordinator lists. */
  private static int joined(CoordinatorClient api, String clusterId) {
    int n = 0;
    for (JsonNode a : api.agents()) {
      if (clusterId.equals(a.path("clusterId").asText())) {
        n++;
      }
    }
    return n;
  }

  /**
   * Each agent's final result: the sum of the interval results it sent (agent i sends snapshot (i +
   * second) mod K in each second, so its totals depend on i mod K only).
   */
  private static List<String> finals(List<String> snapshots, int seconds) {
    List<String> out = new ArrayList<>();
    int k = snapshots.size();
    for (int r = 0; r < k; r++) {
      ScenarioStats sum = null;
      for (int second = 0; second < seconds; second++) {
        ScenarioStats s =
            MessageCodec.fromJson(snapshots.get((r + second) % k), ScenarioSnapshot.class)
                .toStats();
        if (sum == null) {
          sum = s;
        } else {
          sum.add(s);
        }
      }
      out.add(MessageCodec.toJson(ScenarioSnapshot.of(sum)));
    }
    // send() picks snapshot (i + seconds) mod K for the final one: shift so agent i gets sum i.
    List<String> shifted = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      shifted.add(out.get(Math.floorMod(j - seconds, k)));
    }
    return shifted;
  }

  /** Every request the simulated agents send in their interval results. */
  private static long expectedRequests(List<String> snapshots, int n, int seconds) {
    long[] per = new long[snapshots.size()];
    for (int j = 0; j < per.length; j++) {
      per[j] =
          MessageCodec.fromJson(snapshots.get(j), ScenarioSnapshot.class)
              .toStats()
              .total()
              .requests();
    }
    long total = 0;
    for (int i = 0; i < n; i++) {
      for (int second = 0; second < seconds; second++) {
        total += per[(i + second) % per.length];
      }
    }
    return total;
  }

  /** Encoded snapshots of one second of ~300 requests with log-normal latencies. */
  private static List<String> snapshots() {
    Random random = new Random(7);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < SNAPSHOTS; i++) {
      ScenarioStats s = new ScenarioStats("load", List.of("GET /"));
      int requests = 250 + random.nextInt(100);
      for (int r = 0; r < requests; r++) {
        long nanos = (long) (Math.exp(random.nextGaussian() * 0.8) * 2_000_000);
        s.step("GET /").recordResponse(nanos, random.nextInt(200) == 0 ? 503 : 200, true, 220);
      }
      s.countSessions(requests, 0, 0);
      out.add(MessageCodec.toJson(ScenarioSnapshot.of(s)));
    }
    return out;
  }

  /** Messages per second the broker moves from producers to a plain consumer. */
  private static double brokerCeiling(ActiveMQConnectionFactory cf, String snapshotJson)
      throws Exception {
    int count = 20_000;
    String body = snapshotJson;
    try (Connection c = cf.createConnection()) {
      c.start();
      Session consumerSession = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      // A queue of its own, so the coordinator's consumers take no share.
      Queue scratch = consumerSession.createTemporaryQueue();
      MessageConsumer consumer = consumerSession.createConsumer(scratch);
      Session producerSession = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = producerSession.createProducer(scratch);
      // Persistent like results (a temporary queue keeps them in memory: an upper bound).
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      long start = System.nanoTime();
      Thread sender =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < count; i++) {
                    producer.send(producerSession.createTextMessage(body));
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      sender.start();
      for (int i = 0; i < count; i++) {
        if (consumer.receive(10_000) == null) {
          throw new IllegalStateException("the broker delivered " + i + " of " + count);
        }
      }
      sender.join();
      return count / ((System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * @param problem why the step failed beyond lag (the run did not complete, or its merged count is
   *     not what the agents sent), or null
   */
  private record Step(double maxLag, double p95Lag, double readySeconds, String problem) {
    boolean completed() {
      return problem == null;
    }
  }

  private static Step step(ActiveMQConnectionFactory cf, int n, int seconds, List<String> snapshots)
      throws Exception {
    String clusterId = "bench-" + n;
    List<String> agents = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      agents.add(String.format("sim-%05d", i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 2);
    AtomicBoolean beating = new AtomicBoolean(true);
    try (Connection c = cf.createConnection()) {
      c.start();
      Future<?> heartbeats = pool.submit(() -> heartbeat(c, clusterId, agents, beating));
      // Like real agents, they stop heartbeating once they send a result every second.
      CoordinatorClient api = new CoordinatorClient(URL, null, adminToken);
      api.agents();
      String plan =
          "target: {baseUrl: \"http://127.0.0.1:9\"}\n"
              + "scenarios: [{name: load, steps: [{request: {path: /}}],"
              + " load: [{constantRate: {rate: 1, duration: "
              + (seconds + 1)
              + "s}}]}]\n";
      // Every simulated agent has announced itself (the coordinator lists them), or the step fails.
      long joinBy = System.currentTimeMillis() + 60_000;
      while (joined(api, clusterId) < n) {
        if (System.currentTimeMillis() > joinBy) {
          return new Step(
              Double.NaN,
              Double.NaN,
              Double.NaN,
              "only " + joined(api, clusterId) + " of " + n + " agents joined in 60 s");
        }
        Thread.sleep(100);
      }
      JsonNode run = api.startRun(plan, clusterId, null, n, "30s");
      String id = run.path("id").asText();
      while (!api.run(id).path("state").asText().equals("RUNNING")) {
        if (api.run(id).path("state").asText().equals("FAILED")) {
          throw new IllegalStateException(api.run(id).path("message").asText());
        }
        Thread.sleep(100);
      }
      long startAt = Instant.parse(api.run(id).path("startAt").asText()).toEpochMilli();
      List<Double> lags = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean sampling = new AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger failedSamples =
          new java.util.concurrent.atomic.AtomicInteger();
      ExecutorService asker = Executors.newSingleThreadExecutor();
      Future<?> sampler =
          pool.submit(
              () -> {
                while (sampling.get()) {
                  long asked = System.nanoTime();
                  double took;
                  try {
                    JsonNode stats = asker.submit(() -> api.stats(id)).get(2, TimeUnit.SECONDS);
                    took = (System.nanoTime() - asked) / 1e9;
                    // Count once the first second was due, so the start is not counted as lag.
                    if (stats.path("elapsedSeconds").asDouble() > 1.2) {
                      // What a user sees is as old as the view's lag plus the time to fetch it.
                      lags.add(stats.path("lagSeconds").asDouble() + took);
                    }
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception e) {
                    // A failed or timed-out sample is a view nobody could see: lag, not a gap.
                    took = (System.nanoTime() - asked) / 1e9;
                    lags.add(Math.max(1.0, took));
                    failedSamples.incrementAndGet();
                  }
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      // Like real agents: at the end of each run-relative second, every agent sends it.
      for (int second = 0; second < seconds; second++) {
        long due = startAt + (second + 1) * 1000L;
        Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
        send(pool, c, agents, snapshots, id, clusterId, second, false);
        if (second == 0) {
          beating.set(false);
          heartbeats.get();
        }
      }
      long sentAll = System.currentTimeMillis();
      send(pool, c, agents, finals(snapshots, seconds), id, clusterId, seconds, true);
      String state = "";
      long deadline = System.currentTimeMillis() + 120_000;
      while (System.currentTimeMillis() < deadline) {
        state = api.run(id).path("state").asText();
        if (state.equals("COMPLETED") || state.equals("FAILED")) {
          break;
        }
        Thread.sleep(100);
      }
      double ready = (System.currentTimeMillis() - sentAll) / 1000.0;
      sampling.set(false);
      sampler.get();
      asker.shutdownNow();
      String problem = null;
      if (!state.equals("COMPLETED")) {
        problem = "did not complete (" + state + ")";
      } else {
        // Exactly what the simulated agents sent, in the totals and second by second.
        long expected = expectedRequests(snapshots, n, seconds);
        Report report = ReportJson.read(api.reportJson(id));
        long seconds2 = 0;
        for (Report.TimelinePoint t : report.timeline()) {
          seconds2 += t.requests();
        }
        if (report.total().requests() != expected || seconds2 != expected) {
          problem =
              "merged "
                  + report.total().requests()
                  + " requests ("
                  + seconds2
                  + " in its seconds), the agents sent "
                  + expected;
        }
      }
      if (failedSamples.get() > 0) {
        System.out.printf(
            "  (%d samples of the live view failed or took over 2 s)%n", failedSamples.get());
      }
      List<Double> sorted = new ArrayList<>(lags);
      Collections.sort(sorted);
      double max = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
      double p95 = sorted.isEmpty() ? Double.NaN : sorted.get((int) (sorted.size() * 0.95));
      return new Step(max, p95, ready, problem);
    } finally {
      beating.set(false);
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static void heartbeat(
      Connection c, String clusterId, List<String> agents, AtomicBoolean on) {
    try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      MessageProducer p = s.createProducer(s.createQueue("salvo.control"));
      p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
      p.setTimeToLive(5000);
      boolean first = true;
      while (on.get()) {
        long t = System.currentTimeMillis();
        for (String a : agents) {
          p.send(
              s.createTextMessage(
                  MessageCodec.encode(
                      new AgentHeartbeat(
                          ClusterMessage.VERSION,
                          clusterId,
                          a,
                          null,
                          1,
                          "bench",
                          first,
                          "IDLE",
                          null,
                          t,
                          null,
                          null))));
        }
        first = false;
        Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - t)));
      }
    } catch (Exception e) {
      if (on.get()) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Sends every agent's interval result (or final result) for a second, over SENDERS sessions. */
  private static void send(
      ExecutorService pool,
      Connection c,
      List<String> agents,
      List<String> snapshots,
      String runId,
      String clusterId,
      int second,
      boolean last)
      throws Exception {
    List<Future<?>> parts = new ArrayList<>();
    for (int part = 0; part < SENDERS; part++) {
      int mine = part;
      parts.add(
          pool.submit(
              () -> {
                try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                  MessageProducer p = s.createProducer(s.createQueue("salvo.results"));
                  p.setDeliveryMode(DeliveryMode.PERSISTENT);
                  for (int i = mine; i < agents.size(); i += SENDERS) {
                    ScenarioSnapshot snap =
                        MessageCodec.fromJson(
                            snapshots.get((i + second) % snapshots.size()), ScenarioSnapshot.class);
                    ClusterMessage m =
                        last
                            ? new FinalResult(
                                ClusterMessage.VERSION,
                                clusterId,
                                agents.get(i),
                                runId,
                                List.of(snap),
                                System.currentTimeMillis(),
                                0,
                                0,
                                second,
                                false,
                                null,
                                null,
                                0)
                            : new IntervalResult(
                                ClusterMessage.VERSION,
                                clusterId,
                                agents.get(i),
                                runId,
                                second,
                                List.of(snap));
                    p.send(s.createTextMessage(MessageCodec.encode(m)));
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : parts) {
      f.get();
    }
  }

  /** The coordinator's admin API token, for the simulator's calls. */
  private static String adminToken;

  /** Adds the broker user {@code salvo-bench}, allowed everything, to a coordinator's files. */
  private static void simulatorUser(Path serverDir, String password) throws java.io.IOException {
    LocalCluster.addRealmUser(serverDir, "salvo-bench", password, "salvo-bench,salvo-agent");
    Path xml = serverDir.resolve("configuration/standalone-full.xml");
    String text = java.nio.file.Files.readString(xml);
    String everything =
        "<security-setting name=\"#\"><role name=\"salvo-bench\" send=\"true\" consume=\"true\""
            + " create-durable-queue=\"true\" delete-durable-queue=\"true\""
            + " create-non-durable-queue=\"true\" delete-non-durable-queue=\"true\"/>"
            + "</security-setting>";
    if (!text.contains("<security-setting name=\"#\"/>")) {
      throw new IllegalStateException("no empty security setting for # in " + xml);
    }
    java.nio.file.Files.writeString(
        xml, text.replace("<security-setting name=\"#\"/>", everything));
  }
}
