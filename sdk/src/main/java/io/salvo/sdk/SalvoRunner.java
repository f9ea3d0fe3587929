package io.salvo.sdk;

import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.EngineOptions;
import io.salvo.engine.TargetUnreachableException;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.engine.node.AgentCore;
import io.salvo.plan.AgentLossPolicy;
import io.salvo.plan.ClusterSettings;
import io.salvo.plan.CodeStep;
import io.salvo.plan.Feeder;
import io.salvo.plan.HttpProtocol;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.plan.PlanRuleException;
import io.salvo.plan.Scenario;
import io.salvo.plan.Target;
import io.salvo.plan.Threshold;
import io.salvo.plan.parse.PlanException;
import io.salvo.plan.parse.PlanParser;
import io.salvo.report.IntervalLog;
import io.salvo.report.StatsTable;
import io.salvo.sdk.agent.LightAgent;
import io.salvo.sdk.cluster.LocalDevCluster;
import io.salvo.sdk.cluster.SdkCoordinator;
import io.salvo.sdk.run.LocalRun;
import io.salvo.sdk.run.ReportFiles;
import io.salvo.sdk.run.RunIds;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs scenarios written in Java, on this machine or as an agent of a cluster:
 *
 * <pre>{@code
 * SalvoResult result = SalvoRunner.registerScenarios(submit, wait)
 *     .withThresholds(SalvoThreshold.of("p99 < 250ms"))
 *     .run();
 * }</pre>
 *
 * As {@link NodeType#SINGLE_NODE} (the default), {@link #run} runs every scenario here and writes
 * the same {@code report.json}, {@code report.html} and {@code latency.hlog} as {@code salvo run}.
 * As {@link NodeType#COORDINATOR} it waits for {@link #withAgentsCount} agents of its cluster on
 * {@link #withBroker}, assigns them their exact share, runs {@link #withCoordinatorTargetScenarios}
 * itself, merges every node's results and writes the same files ({@link SdkCoordinator}); with
 * {@link #withLocalDevCluster} the broker and the agents run in this JVM. As {@link NodeType#AGENT}
 * it joins cluster {@link #withClusterId} through {@link #withBroker} and runs its share of what a
 * coordinator assigns it (this SDK's, or a WildFly coordinator's {@code salvo start} of a plan
 * whose steps name these scenarios with {@code code:}), until the process ends. The same program
 * can run on every machine, its node type chosen at the start.
 *
 * <p>Every setting is checked when it is made or, for those that depend on each other, when the
 * plan is built ({@link #plan()}), with a message that names the problem.
 */
public final class SalvoRunner {
  private final Map<String, SalvoScenario> scenarios = new LinkedHashMap<>();
  private NodeType nodeType = NodeType.SINGLE_NODE;
  private String clusterId = ClusterSettings.DEFAULT_CLUSTER_ID;
  private String agentGroup;
  private int agentsCount = 1;
  private List<String> coordinatorTargets = List.of();
  private List<String> agentTargets = List.of();
  private List<String> replicated = List.of();
  private Duration agentsTimeout = ClusterSettings.DEFAULT_AGENTS_TIMEOUT;
  private AgentLossPolicy onAgentLoss = AgentLossPolicy.FAIL;
  private final List<Threshold> thresholds = new ArrayList<>();
  private String planName = "salvo-sdk";
  private Path planFile;
  private Path reportsFolder;
  private int threads = Runtime.getRuntime().availableProcessors();
  private int maxConnections = Target.DEFAULT_MAX_CONNECTIONS;
  private Duration requestTimeout = Target.DEFAULT_REQUEST_TIMEOUT;
  private Duration connectTimeout = Target.DEFAULT_CONNECT_TIMEOUT;
  private HttpProtocol http = HttpProtocol.AUTO;
  private String brokerUrl;
  private String brokerUser;
  private String brokerPassword;
  private Path keysDir;
  private String agentId;
  private TargetAllowList allowedTargets = TargetAllowList.parse(TargetAllowList.DEFAULT);
  private String statusHost = "127.0.0.1";
  private int statusPort;
  private Duration brokerWait = Duration.ofSeconds(60);
  private PrintStream console = System.out;
  private int localDevAgents;

  private SalvoRunner() {}

  /**
   * The scenarios this program can run.
   *
   * @throws IllegalArgumentException for none, or a name registered twice
   */
  public static SalvoRunner registerScenarios(SalvoScenario... scenarios) {
    if (scenarios == null || scenarios.length == 0) {
      throw new IllegalArgumentException("registerScenarios needs at least one scenario");
    }
    SalvoRunner r = new SalvoRunner();
    for (SalvoScenario s : scenarios) {
      if (s == null) {
        throw new IllegalArgumentException("registerScenarios: a scenario is null");
      }
      if (r.scenarios.putIfAbsent(s.name(), s) != null) {
        throw new IllegalArgumentException("scenario '" + s.name() + "' is registered twice");
      }
    }
    return r;
  }

  /**
   * The part this process plays: {@code SINGLE_NODE} (default), {@code COORDINATOR}, {@code AGENT}.
   */
  public SalvoRunner withNodeType(NodeType type) {
    if (type == null) {
      throw new IllegalArgumentException("withNodeType: the node type is null");
    }
    this.nodeType = type;
    return this;
  }

  public SalvoRunner withClusterId(String id) {
    this.clusterId = name("withClusterId", id);
    return this;
  }

  public SalvoRunner withAgentGroup(String group) {
    this.agentGroup = name("withAgentGroup", group);
    return this;
  }

  /** How many agents a run waits for before it starts. */
  public SalvoRunner withAgentsCount(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("withAgentsCount: agentsCount must be > 0, was " + count);
    }
    this.agentsCount = count;
    return this;
  }

  /** How long a coordinator waits for its agents before the run fails (default 60 s). */
  public SalvoRunner withAgentsTimeout(Duration d) {
    this.agentsTimeout = positive("withAgentsTimeout", d);
    return this;
  }

  /**
   * What a coordinator does when an agent goes silent mid-run: {@code FAIL} the run (default, the
   * other agents are told to stop) or {@code CONTINUE} without it (the report says so).
   */
  public SalvoRunner withAgentLossPolicy(AgentLossPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("withAgentLossPolicy: the policy is null");
    }
    this.onAgentLoss = policy;
    return this;
  }

  /** Scenarios the coordinator runs itself (registered names). */
  public SalvoRunner withCoordinatorTargetScenarios(String... names) {
    this.coordinatorTargets = List.of(names);
    return this;
  }

  /** Scenarios the agents run (registered names); by default every one the coordinator does not. */
  public SalvoRunner withAgentTargetScenarios(String... names) {
    this.agentTargets = List.of(names);
    return this;
  }

  /** Scenarios every agent runs in full; the others are split exactly between the agents. */
  public SalvoRunner withReplicatedScenarios(String... names) {
    this.replicated = List.of(names);
    return this;
  }

  public SalvoRunner withThresholds(SalvoThreshold... all) {
    for (SalvoThreshold t : all) {
      thresholds.add(t.threshold());
    }
    return this;
  }

  /** The plan's name in reports and history (default {@code salvo-sdk}). */
  public SalvoRunner withPlanName(String name) {
    this.planName = name("withPlanName", name);
    return this;
  }

  /**
   * Runs a YAML or JSON plan instead of the scenarios' own load: its {@code code:} steps name the
   * registered scenarios, beside its HTTP steps. Its {@code cluster} section (cluster id, group,
   * agents count, target scenarios) applies; the node type is this runner's.
   */
  public SalvoRunner withPlan(Path file) {
    this.planFile = file;
    return this;
  }

  /** Where the report files go (default {@code salvo-reports/<run id>}). */
  public SalvoRunner withReportsFolder(Path dir) {
    this.reportsFolder = dir;
    return this;
  }

  /** Event loops driving the load (default: one per core). */
  public SalvoRunner withThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("withThreads: must be > 0, was " + n);
    }
    this.threads = n;
    return this;
  }

  /** Connections per origin on each node for {@link SalvoContext#http()} (default 100). */
  public SalvoRunner withMaxConnections(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("withMaxConnections: must be > 0, was " + n);
    }
    this.maxConnections = n;
    return this;
  }

  /**
   * How long a step (and an HTTP request of one) may take before it counts as a timeout (default 30
   * s).
   */
  public SalvoRunner withRequestTimeout(Duration d) {
    this.requestTimeout = positive("withRequestTimeout", d);
    return this;
  }

  public SalvoRunner withConnectTimeout(Duration d) {
    this.connectTimeout = positive("withConnectTimeout", d);
    return this;
  }

  /** The HTTP version for {@link SalvoContext#http()}: {@code auto}, {@code 1.1} or {@code 2}. */
  public SalvoRunner withHttpVersion(String version) {
    try {
      this.http = HttpProtocol.parse(version);
    } catch (PlanRuleException e) {
      throw new IllegalArgumentException("withHttpVersion: " + e.getMessage(), e);
    }
    return this;
  }

  /**
   * The broker of the cluster (an agent's): an Artemis URL such as {@code tcp://broker:61616}, or a
   * WildFly coordinator's HTTP port with {@code ?httpUpgradeEnabled=true}.
   */
  public SalvoRunner withBroker(String url, String user, String password) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("withBroker: the broker URL is required");
    }
    this.brokerUrl = url;
    this.brokerUser = user;
    this.brokerPassword = password;
    return this;
  }

  /** The directory of the cluster's signing key, {@code <clusterId>.key}. */
  public SalvoRunner withKeysDir(Path dir) {
    this.keysDir = dir;
    return this;
  }

  /** The agent's id (default: this host's name). */
  public SalvoRunner withAgentId(String id) {
    this.agentId = name("withAgentId", id);
    return this;
  }

  /**
   * Where an agent lets load go, as {@code salvo agent --allowed-targets} (default {@code
   * loopback}).
   */
  public SalvoRunner withAllowedTargets(String spec) {
    try {
      this.allowedTargets = TargetAllowList.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("withAllowedTargets: " + e.getMessage(), e);
    }
    return this;
  }

  /** Where an agent's status API listens (default 127.0.0.1 on any free port). */
  public SalvoRunner withStatusApi(String host, int port) {
    this.statusHost = host;
    this.statusPort = port;
    return this;
  }

  /** How long an agent keeps trying to reach the broker at the start (default 60 s). */
  public SalvoRunner withBrokerWait(Duration d) {
    this.brokerWait = positive("withBrokerWait", d);
    return this;
  }

  /**
   * Coordinator and {@code agents} agents in this JVM over an in-VM Artemis broker, for
   * development: the run takes the cluster's path (assignments, exact split, results, merge)
   * without a broker or other processes. Sets the node type to {@code COORDINATOR} and the agents
   * count to {@code agents}.
   */
  public SalvoRunner withLocalDevCluster(int agents) {
    if (agents < 1) {
      throw new IllegalArgumentException("withLocalDevCluster: agents must be > 0, was " + agents);
    }
    this.localDevAgents = agents;
    this.agentsCount = agents;
    this.nodeType = NodeType.COORDINATOR;
    return this;
  }

  /** Where the final table and the report's location are printed (null: nowhere). */
  public SalvoRunner withConsole(PrintStream out) {
    this.console = out;
    return this;
  }

  /** The code every registered scenario brings, by name. */
  public CodeRegistry registry() {
    CodeRegistry r = CodeRegistry.empty();
    for (SalvoScenario s : scenarios.values()) {
      r = s.register(r);
    }
    return r;
  }

  /**
   * The plan this runner runs: the registered scenarios with their load (or the plan file's), the
   * thresholds, the cluster settings.
   *
   * @throws IllegalArgumentException naming what does not fit together
   */
  public Plan plan() {
    for (String field : List.of("coordinator", "agent", "replicated")) {
      List<String> names =
          switch (field) {
            case "coordinator" -> coordinatorTargets;
            case "agent" -> agentTargets;
            default -> replicated;
          };
      for (String n : names) {
        if (!scenarios.containsKey(n)) {
          throw new IllegalArgumentException(
              "with"
                  + Character.toUpperCase(field.charAt(0))
                  + field.substring(1)
                  + (field.equals("replicated") ? "Scenarios" : "TargetScenarios")
                  + ": '"
                  + n
                  + "' is not a registered scenario (registered: "
                  + String.join(", ", scenarios.keySet())
                  + ")");
        }
      }
    }
    if (planFile != null) {
      return planFromFile();
    }
    List<Scenario> list = new ArrayList<>();
    Map<String, Feeder> feeders = new LinkedHashMap<>();
    for (SalvoScenario s : scenarios.values()) {
      if (!s.hasLoad()) {
        throw new IllegalArgumentException(
            "scenario '" + s.name() + "' has no load: give it withLoadSimulations(...)");
      }
      list.add(s.scenario());
      for (Feeder f : s.feeders()) {
        Feeder before = feeders.putIfAbsent(f.name(), f);
        if (before != null && !before.equals(f)) {
          throw new IllegalArgumentException(
              "two scenarios have different feeds named '" + f.name() + "': rename one");
        }
      }
    }
    try {
      return new Plan(
          planName, target(), list, thresholds, cluster(), List.copyOf(feeders.values()));
    } catch (PlanRuleException e) {
      throw new IllegalArgumentException("the plan: " + e.getMessage(), e);
    }
  }

  private Plan planFromFile() {
    Plan p;
    try {
      p = PlanParser.parse(planFile);
    } catch (PlanException | IOException e) {
      throw new IllegalArgumentException("withPlan: " + planFile + ": " + e.getMessage(), e);
    }
    for (Scenario s : p.scenarios()) {
      for (CodeStep c : s.codeSteps()) {
        if (!scenarios.containsKey(c.name())) {
          throw new IllegalArgumentException(
              "withPlan: scenario '"
                  + s.name()
                  + "' of "
                  + planFile
                  + " runs code '"
                  + c.name()
                  + "', which is not a registered scenario (registered: "
                  + String.join(", ", scenarios.keySet())
                  + ")");
        }
      }
    }
    return p;
  }

  private Target target() {
    return new Target(
        null,
        null,
        connectTimeout,
        requestTimeout,
        maxConnections,
        http,
        Target.DEFAULT_MAX_STREAMS,
        false,
        null);
  }

  private ClusterSettings cluster() {
    return new ClusterSettings(
        nodeType,
        clusterId,
        agentGroup,
        agentsCount,
        coordinatorTargets,
        agentTargets,
        replicated,
        agentsTimeout,
        onAgentLoss);
  }

  /**
   * Runs: as a single node or a coordinator, the whole plan, returning its report once written; as
   * an agent, until the process ends (Ctrl-C), returning nothing.
   *
   * @throws IllegalArgumentException for settings that do not fit together
   * @throws IllegalStateException when the run cannot start (an unreachable target or broker)
   */
  public SalvoResult run() throws InterruptedException {
    switch (nodeType) {
      case SINGLE_NODE:
        return runHere();
      case AGENT:
        try (SalvoAgent agent = startAgent()) {
          CountDownLatch stopped = new CountDownLatch(1);
          Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
          stopped.await();
        }
        return null;
      default:
        return runCoordinator();
    }
  }

  private SalvoResult runCoordinator() throws InterruptedException {
    Plan plan = plan();
    if (localDevAgents == 0 && brokerUrl == null) {
      throw new IllegalArgumentException(
          "a coordinator needs withBroker(url, user, password), or withLocalDevCluster(agents)");
    }
    String runId = RunIds.next();
    Path dir = null;
    LocalDevCluster local = null;
    try {
      // With a plan file, its cluster section names the cluster.
      String cluster = plan.cluster().clusterId();
      if (localDevAgents > 0) {
        local =
            LocalDevCluster.start(
                localDevAgents,
                cluster,
                plan.cluster().agentGroup(),
                registry(),
                threads,
                allowedTargets);
      }
      SdkCoordinator.Result result;
      try (SdkCoordinator coordinator =
          SdkCoordinator.start(
              new SdkCoordinator.Options(
                  local != null ? local.brokerUrl() : brokerUrl,
                  local != null ? null : brokerUser,
                  local != null ? null : brokerPassword,
                  local != null ? null : keysDir,
                  cluster,
                  threads,
                  registry(),
                  brokerWait))) {
        // Made once the coordinator is connected (a failed start leaves no empty directory), and
        // before any load starts (an unwritable one stops the run first).
        dir = ReportFiles.prepare(reportsFolder, runId);
        result = coordinator.run(runId, plan, SdkCoordinator.source(plan));
      }
      writeFiles(dir, result);
      return new SalvoResult(result.report(), dir);
    } catch (SdkCoordinator.StartFailure e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the report to " + dir + ": " + e, e);
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the local dev cluster did not start: " + e.getMessage(), e);
    } finally {
      if (local != null) {
        local.close();
      }
    }
  }

  private void writeFiles(Path dir, SdkCoordinator.Result result) throws IOException {
    ReportFiles.write(dir, result.report());
    try (IntervalLog log =
        new IntervalLog(
            new PrintStream(
                java.nio.file.Files.newOutputStream(dir.resolve(ReportFiles.HLOG)),
                false,
                java.nio.charset.StandardCharsets.UTF_8),
            result.startAtMillis())) {
      result.seconds().forEach(log::write);
    }
    if (console != null) {
      console.print(StatsTable.render(result.report()));
      console.println(
          "Reports: " + dir.resolve(ReportFiles.HTML) + " (and report.json, latency.hlog)");
    }
  }

  private SalvoResult runHere() throws InterruptedException {
    Plan plan = plan();
    String runId = RunIds.next();
    Path dir = ReportFiles.prepare(reportsFolder, runId);
    EngineOptions options = EngineOptions.defaults().withEventLoops(threads).withCode(registry());
    try {
      var report = LocalRun.execute(plan, runId, dir, options, new LocalRun.Listener() {});
      if (console != null) {
        console.print(StatsTable.render(report));
        console.println(
            "Reports: " + dir.resolve(ReportFiles.HTML) + " (and report.json, latency.hlog)");
      }
      return new SalvoResult(report, dir);
    } catch (TargetUnreachableException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the report to " + dir + ": " + e, e);
    }
  }

  /**
   * Joins the cluster as an agent and returns once it is subscribed: the agent runs assignments
   * until closed.
   *
   * @throws IllegalStateException naming why it cannot join (no broker, a refused user, a key)
   */
  public SalvoAgent startAgent() {
    if (brokerUrl == null) {
      throw new IllegalArgumentException("an agent needs withBroker(url, user, password)");
    }
    String id = agentId != null ? agentId : defaultAgentId();
    try {
      return new SalvoAgent(
          LightAgent.start(
              new LightAgent.Options(
                  new AgentCore.Identity(
                      id, clusterId, agentGroup, 1, threads, null, allowedTargets),
                  brokerUrl,
                  brokerUser,
                  brokerPassword,
                  keysDir,
                  statusHost,
                  statusPort,
                  brokerWait,
                  registry())));
    } catch (LightAgent.StartException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String defaultAgentId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "sdk";
    }
    String id = (host + "-" + ProcessHandle.current().pid()).replaceAll("[^A-Za-z0-9._-]", "-");
    return id.length() > 64 ? id.substring(id.length() - 64) : id;
  }

  private static String name(String what, String value) {
    if (!io.salvo.plan.Names.valid(value)) {
      throw new IllegalArgumentException(
          what
              + ": must be "
              + io.salvo.plan.Names.RULE
              + ", was "
              + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  private static Duration positive(String what, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + ": must be > 0, was " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "SalvoRunner" + Arrays.toString(scenarios.keySet().toArray());
  }
}
