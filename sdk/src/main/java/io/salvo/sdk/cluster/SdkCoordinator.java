package io.salvo.sdk.cluster;

import io.salvo.cluster.AgentDirectory;
import io.salvo.cluster.AgentLiveness;
import io.salvo.cluster.LiveRun;
import io.salvo.cluster.RunPlanner;
import io.salvo.engine.EngineOptions;
import io.salvo.engine.ScenarioPart;
import io.salvo.engine.cluster.ReportAssembler;
import io.salvo.engine.cluster.RunLifecycle;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.engine.node.NodeWork;
import io.salvo.message.AgentHeartbeat;
import io.salvo.message.ClockReply;
import io.salvo.message.ClusterKeys;
import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.message.SignedJms;
import io.salvo.message.SignedMessages;
import io.salvo.message.StopRun;
import io.salvo.plan.ClusterSettings;
import io.salvo.plan.Plan;
import io.salvo.plan.Scenario;
import io.salvo.plan.parse.PlanFormat;
import io.salvo.plan.parse.PlanWriter;
import io.salvo.report.Report;
import io.salvo.sdk.agent.BrokerAccess;
import io.salvo.stats.IntervalStats;
import io.salvo.stats.ScenarioStats;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A coordinator without an application server, for the SDK: it speaks to agents (SDK agents, {@code
 * salvo agent} and WildFly agents alike) over the broker with the same messages and the same
 * decisions as the WildFly coordinator ({@link RunPlanner}, {@link LiveRun}, {@link RunLifecycle},
 * {@link ReportAssembler}), but keeps its run in memory and writes the report to files instead of a
 * database.
 *
 * <p>A run: wait for {@code agentsCount} agents of the cluster (and group), publish the assignment
 * with a start instant two seconds ahead, run the coordinator's own target scenarios here, merge
 * every node's interval and final results exactly, give up or fail on a lost agent as the plan's
 * {@code onAgentLoss} says, and build the report when every node is done.
 *
 * <p>It reads only its own cluster's heartbeats and results (a selector on {@code clusterId}), so
 * coordinators of different clusters can share a broker.
 */
public final class SdkCoordinator implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SdkCoordinator.class.getName());

  /** From publishing the assignment to the agreed start: time to parse, connect, warm up. */
  static final long START_LEAD_MILLIS = 2_000;

  /**
   * How to start one.
   *
   * @param brokerUrl an Artemis URL such as {@code tcp://broker:61616}
   * @param keysDir the directory of the cluster's signing key, or null to send and accept unsigned
   *     messages
   * @param threads event loops for the coordinator's own scenarios
   * @param code the code of the coordinator's own scenarios
   */
  public record Options(
      String brokerUrl,
      String user,
      String password,
      Path keysDir,
      String clusterId,
      int threads,
      CodeRegistry code,
      Duration brokerWait) {}

  /**
   * A finished run: its report, and its merged seconds (for {@code latency.hlog}) counted from
   * {@code startAtMillis}.
   */
  public record Result(Report report, long startAtMillis, List<IntervalStats> seconds) {}

  private final Options options;
  private final String instance = UUID.randomUUID().toString();
  private final SignedMessages messages;
  private final ActiveMQConnectionFactory factory;
  private final JMSContext producing;
  private final JMSContext controlContext;
  private final JMSContext resultsContext;
  private final Queue control;
  private final AgentDirectory directory = new AgentDirectory(System::currentTimeMillis);
  private final AgentLiveness liveness = new AgentLiveness(System::currentTimeMillis);
  private final ScheduledExecutorService timer;
  private volatile Active active;

  /** The run in progress. */
  private final class Active {
    final String runId;
    final Plan plan;
    final LiveRun live;
    final long startAtMillis;
    final List<ReportAssembler.NodeInterval> intervals = new ArrayList<>();
    final List<String> lost = java.util.Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<String> ended = new CompletableFuture<>();
    volatile NodeWork local;

    Active(String runId, Plan plan, Set<String> nodes, long startAtMillis) {
      this.runId = runId;
      this.plan = plan;
      this.live = new LiveRun(runId, nodes);
      this.startAtMillis = startAtMillis;
    }
  }

  private SdkCoordinator(Options o) throws StartFailure {
    this.options = o;
    ClusterKeys keys;
    try {
      keys = BrokerAccess.keys(o.keysDir(), o.clusterId());
    } catch (BrokerAccess.Refused e) {
      throw new StartFailure(e.getMessage());
    }
    this.messages = new SignedMessages(keys);
    this.factory =
        new ActiveMQConnectionFactory(BrokerAccess.url(o.brokerUrl()), o.user(), o.password());
    JMSContext p = null;
    JMSContext c = null;
    JMSContext r = null;
    try {
      p = BrokerAccess.connect(factory, o.brokerUrl(), o.user(), o.brokerWait());
      c = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
      r = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
    } catch (BrokerAccess.Refused | RuntimeException e) {
      BrokerAccess.closeQuietly(r, c, p, factory);
      if (e instanceof BrokerAccess.Refused) {
        throw new StartFailure(e.getMessage());
      }
      throw new StartFailure("cannot connect to " + o.brokerUrl() + ": " + e.getMessage());
    }
    this.producing = p;
    this.controlContext = c;
    this.resultsContext = r;
    this.control = p.createQueue(Destinations.CONTROL);
    // Listening starts last: a heartbeat may arrive at once, and its reply needs the producer.
    try {
      String mine = Destinations.CLUSTER_ID + " = '" + o.clusterId() + "'";
      JMSConsumer heartbeats = c.createConsumer(c.createQueue(Destinations.CONTROL), mine);
      heartbeats.setMessageListener(this::onControl);
      JMSConsumer results = r.createConsumer(r.createQueue(Destinations.RESULTS), mine);
      results.setMessageListener(this::onResult);
    } catch (RuntimeException e) {
      BrokerAccess.closeQuietly(r, c, p, factory);
      throw new StartFailure(
          "cannot listen to cluster "
              + o.clusterId()
              + "'s queues on "
              + o.brokerUrl()
              + " as "
              + o.user()
              + ": "
              + e.getMessage());
    }
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            t -> {
              Thread th = new Thread(t, "salvo-coordinator");
              th.setDaemon(true);
              return th;
            });
    timer.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
  }

  /**
   * Connects to the broker (trying for {@code brokerWait}) and listens to the cluster's heartbeats
   * and results.
   *
   * @throws StartFailure naming what is wrong; nothing is left running
   */
  public static SdkCoordinator start(Options o) throws StartFailure {
    return new SdkCoordinator(o);
  }

  /** The agents heard from, with their state. */
  public List<AgentDirectory.Agent> agents() {
    return directory.all();
  }

  /**
   * Runs the plan on the cluster and returns its report once every node is done (or the run
   * failed). One run at a time.
   *
   * @param planSource the plan as agents will read it (YAML)
   */
  public synchronized Result run(String runId, Plan plan, String planSource)
      throws InterruptedException {
    ClusterSettings c = plan.cluster();
    if (!c.clusterId().equals(options.clusterId())) {
      throw new IllegalArgumentException(
          "the plan is for cluster "
              + c.clusterId()
              + ", this coordinator is of cluster "
              + options.clusterId());
    }
    Instant created = Instant.now();
    List<String> chosen = List.of();
    if (RunPlanner.needsAgents(plan)) {
      long deadline = System.currentTimeMillis() + c.agentsTimeout().toMillis();
      LOG.info(
          "run "
              + runId
              + ": waiting for "
              + c.agentsCount()
              + " agent(s) in cluster "
              + c.clusterId()
              + (c.agentGroup() == null ? "" : ", group " + c.agentGroup()));
      while (true) {
        Optional<List<String>> found =
            RunPlanner.choose(c, directory.available(c.clusterId(), c.agentGroup()));
        if (found.isPresent()) {
          chosen = found.get();
          break;
        }
        if (System.currentTimeMillis() > deadline) {
          String message =
              RunPlanner.notEnoughAgents(c, directory.joined(c.clusterId(), c.agentGroup()));
          return failedBeforeStart(runId, plan, created, message);
        }
        Thread.sleep(200);
      }
    }
    List<ScenarioPart> mine = new ArrayList<>();
    for (Scenario s : plan.scenarios()) {
      if (c.runsOnCoordinator(s.name())) {
        mine.add(new ScenarioPart(s, 0, 1, "coordinator"));
      }
    }
    Set<String> nodes = new LinkedHashSet<>(chosen);
    if (!mine.isEmpty()) {
      nodes.add(RunLifecycle.COORDINATOR);
    }
    Map<String, String> groups = new LinkedHashMap<>();
    for (String node : nodes) {
      AgentDirectory.Agent known = directory.get(node);
      groups.put(node, known == null ? null : known.group());
    }
    long startAt = System.currentTimeMillis() + START_LEAD_MILLIS;
    Active a = new Active(runId, plan, nodes, startAt);
    active = a;
    try {
      if (!chosen.isEmpty()) {
        publish(
            RunPlanner.assignment(
                runId,
                RunLifecycle.COORDINATOR,
                plan,
                planSource,
                PlanFormat.YAML.name(),
                chosen,
                startAt),
            c.agentGroup(),
            null,
            runId);
      }
      if (!mine.isEmpty()) {
        a.local =
            NodeWork.start(
                c.clusterId(),
                RunLifecycle.COORDINATOR,
                runId,
                plan,
                mine,
                startAt,
                0,
                EngineOptions.defaults().withEventLoops(options.threads()).withCode(options.code()),
                m -> take(a, m));
      }
      LOG.info("run " + runId + " starts at " + Instant.ofEpochMilli(startAt) + " on " + nodes);
      String failure = a.ended.join();
      return finish(a, failure, groups);
    } finally {
      active = null;
    }
  }

  private Result failedBeforeStart(String runId, Plan plan, Instant created, String message) {
    LOG.warning("run " + runId + " failed: " + message);
    Report report =
        ReportAssembler.assemble(
            new ReportAssembler.Outcome(
                runId,
                plan,
                "ERROR",
                created,
                Instant.now(),
                ReportAssembler.sum(plan, List.of()),
                List.of(),
                List.of(),
                Map.of(),
                Map.of(),
                List.of(),
                List.of(message)));
    return new Result(report, created.toEpochMilli(), List.of());
  }

  private Result finish(Active a, String failure, Map<String, String> groups) {
    a.live.seal();
    List<FinalResult> finals = new ArrayList<>(a.live.finals());
    RunLifecycle.Ending ending = RunLifecycle.ending(failure, finals, false, a.live.abandoned());
    Map<String, ScenarioStats> totals = ReportAssembler.sum(a.plan, finals);
    Map<String, Map<String, ScenarioStats>> unfinished;
    synchronized (a.intervals) {
      unfinished =
          ReportAssembler.unfinished(
              a.plan,
              ReportAssembler.unfinishedNodes(List.copyOf(a.live.nodes()), finals),
              List.copyOf(a.intervals));
    }
    ReportAssembler.addUp(totals, unfinished);
    List<String> notes = new ArrayList<>();
    if (ending.message() != null) {
      notes.add(ending.message());
    }
    String forced =
        switch (ending.state()) {
          case STOPPED -> "STOPPED";
          case FAILED -> "ERROR";
          default -> null;
        };
    List<IntervalStats> seconds = a.live.timeline();
    Report report =
        ReportAssembler.assemble(
            new ReportAssembler.Outcome(
                a.runId,
                a.plan,
                forced,
                Instant.ofEpochMilli(a.startAtMillis),
                Instant.now(),
                totals,
                seconds,
                finals,
                groups,
                unfinished,
                List.copyOf(a.lost),
                notes));
    LOG.info(
        "run "
            + a.runId
            + " "
            + ending.state()
            + " "
            + report.status()
            + ": "
            + report.total().requests()
            + " requests"
            + (ending.message() == null ? "" : " (" + ending.message() + ")"));
    return new Result(report, a.startAtMillis, seconds);
  }

  /** Once a second: a probe of the path through the broker, and the run's decisions. */
  private void tick() {
    try {
      synchronized (producing) {
        producing
            .createProducer()
            .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
            .setTimeToLive(5_000)
            .setProperty(Destinations.TYPE, Destinations.PROBE)
            .setProperty(Destinations.CLUSTER_ID, options.clusterId())
            .send(control, instance);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "probe not sent", e);
    }
    Active a = active;
    if (a == null || a.ended.isDone()) {
      return;
    }
    try {
      RunLifecycle.Step step =
          RunLifecycle.check(
              a.live,
              a.plan.cluster().onAgentLoss(),
              node -> !RunLifecycle.COORDINATOR.equals(node) && liveness.lost(node),
              liveness.judging(),
              System.currentTimeMillis(),
              RunLifecycle.deadline(a.startAtMillis, a.plan));
      for (String node : step.lost()) {
        LOG.warning("run " + a.runId + ": " + RunLifecycle.lostNote(node));
        a.lost.add(node);
        if (!step.stopAgents()) {
          a.live.abandon(node);
        }
      }
      if (step.stopAgents()) {
        publish(
            new StopRun(
                ClusterMessage.VERSION,
                a.plan.cluster().clusterId(),
                RunLifecycle.COORDINATOR,
                a.runId,
                step.failure()),
            a.plan.cluster().agentGroup(),
            null,
            a.runId);
        NodeWork local = a.local;
        if (local != null) {
          local.stop();
        }
      }
      if (step.finish()) {
        a.ended.complete(step.failure());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "checking run " + a.runId + " failed", e);
    }
  }

  private void onControl(Message message) {
    long received = System.currentTimeMillis();
    try {
      if (Destinations.PROBE.equals(message.getStringProperty(Destinations.TYPE))) {
        if (instance.equals(((TextMessage) message).getText())) {
          liveness.probeArrived();
        }
        return;
      }
      SignedMessages.Opened o = SignedJms.open(messages, message);
      if (!o.accepted()) {
        LOG.warning(o.refusal());
        return;
      }
      if (!(o.message() instanceof AgentHeartbeat hb)
          || RunLifecycle.COORDINATOR.equals(o.message().nodeId())) {
        LOG.warning("dropping a " + o.message().type() + " from " + o.message().nodeId());
        return;
      }
      liveness.heard(hb.nodeId());
      if (hb.announce()) {
        LOG.info(
            "agent "
                + hb.nodeId()
                + " joined cluster "
                + hb.clusterId()
                + (hb.agentGroup() == null ? "" : ", group " + hb.agentGroup()));
      }
      if (directory.heartbeat(hb)) {
        publish(
            new ClockReply(
                ClusterMessage.VERSION,
                hb.clusterId(),
                RunLifecycle.COORDINATOR,
                hb.nodeId(),
                hb.sentAtMillis(),
                received,
                System.currentTimeMillis()),
            hb.agentGroup(),
            hb.nodeId(),
            null);
      }
    } catch (JMSException | RuntimeException e) {
      LOG.log(Level.WARNING, "control message dropped: " + e, e);
    }
  }

  private void onResult(Message message) {
    SignedMessages.Opened o;
    try {
      o = SignedJms.open(messages, message);
    } catch (JMSException | RuntimeException e) {
      LOG.warning("unreadable result dropped: " + e);
      return;
    }
    if (!o.accepted()) {
      LOG.warning(o.refusal());
      return;
    }
    ClusterMessage m = o.message();
    directory.touch(m.nodeId());
    liveness.heard(m.nodeId());
    Active a = active;
    if (a == null || !a.runId.equals(SignedMessages.runId(m))) {
      LOG.warning("dropping a result of run " + SignedMessages.runId(m) + " from " + m.nodeId());
      return;
    }
    take(a, m);
  }

  /** A result of the run, from an agent through the broker or from this coordinator's own part. */
  private void take(Active a, ClusterMessage m) {
    if (!a.live.nodes().contains(m.nodeId())) {
      LOG.warning("run " + a.runId + ": " + m.nodeId() + " is not one of its nodes");
      return;
    }
    if (!a.live.enter()) {
      return; // the run has ended
    }
    try {
      if (a.live.readmit(m.nodeId())) {
        a.lost.remove(m.nodeId());
        LOG.info("run " + a.runId + ": agent " + m.nodeId() + " is back");
      }
      if (m instanceof IntervalResult r) {
        List<ReportAssembler.NodeInterval> fresh = new ArrayList<>();
        for (ScenarioSnapshot s : r.scenarios()) {
          if (!a.live.merged(r.nodeId(), s.name(), r.second())) {
            fresh.add(new ReportAssembler.NodeInterval(r.nodeId(), r.second(), s.toStats()));
          }
        }
        a.live.add(r);
        synchronized (a.intervals) {
          a.intervals.addAll(fresh);
        }
      } else if (m instanceof FinalResult f) {
        a.live.add(f);
        if (f.error() != null) {
          LOG.warning("run " + a.runId + ": node " + f.nodeId() + " could not run: " + f.error());
        }
      }
    } finally {
      a.live.exit();
    }
    if (m instanceof FinalResult && a.live.complete()) {
      a.ended.complete(null);
    }
  }

  private void publish(ClusterMessage m, String agentGroup, String agentId, String runId) {
    // One JMSContext serves the timer, the listeners and the run: one sender at a time.
    synchronized (producing) {
      JMSProducer p =
          producing
              .createProducer()
              .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
              .setProperty(Destinations.CLUSTER_ID, m.clusterId())
              .setProperty(Destinations.TYPE, m.type());
      if (agentGroup != null) {
        p.setProperty(Destinations.AGENT_GROUP, agentGroup);
      }
      if (agentId != null) {
        p.setProperty(Destinations.AGENT_ID, agentId);
      }
      if (runId != null) {
        p.setProperty(Destinations.RUN_ID, runId);
      }
      SignedJms.send(
          messages, p, producing.createTopic(Destinations.assignments(m.clusterId())), m);
    }
  }

  /** The plan as agents read it. */
  public static String source(Plan plan) {
    return PlanWriter.yaml(plan);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    BrokerAccess.closeQuietly(resultsContext, controlContext, producing, factory);
  }

  /** Why a coordinator could not start. */
  public static final class StartFailure extends Exception {
    public StartFailure(String message) {
      super(message);
    }
  }
}
