package io.salvo.plan.parse;

import io.salvo.plan.AgentLossPolicy;
import io.salvo.plan.BodyCheck;
import io.salvo.plan.ClusterSettings;
import io.salvo.plan.CodeStep;
import io.salvo.plan.ConstantRate;
import io.salvo.plan.ConstantUsers;
import io.salvo.plan.Extractor;
import io.salvo.plan.Feeder;
import io.salvo.plan.HttpProtocol;
import io.salvo.plan.HttpStep;
import io.salvo.plan.Iterations;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.NodeType;
import io.salvo.plan.Plan;
import io.salvo.plan.PlanResource;
import io.salvo.plan.PlanRuleException;
import io.salvo.plan.RampRate;
import io.salvo.plan.Scenario;
import io.salvo.plan.StatusExpectation;
import io.salvo.plan.Step;
import io.salvo.plan.Target;
import io.salvo.plan.ThinkTime;
import io.salvo.plan.Threshold;
import io.salvo.plan.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plan from YAML or JSON. Unknown fields are errors, and every problem is reported at once
 * with its file, line, column and field path. The plan format is documented in {@code
 * docs/plan-format.md}.
 */
public final class PlanParser {
  private static final Pattern RATE =
      Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|sec|m|min|h)\\s*");
  private static final Pattern SAFE_NAME = Pattern.compile("[^A-Za-z0-9._-]");

  private final String source;
  private final List<PlanProblem> problems = new ArrayList<>();
  private final Binder b;

  private PlanParser(String source, Path baseDir) {
    this.source = source;
    this.b = new Binder(source, problems, baseDir);
  }

  /**
   * Reads a plan file; {@code .json} files are JSON, anything else YAML. Files it refers to
   * (feeders, certificates) are read relative to its directory.
   */
  public static Plan parse(Path file) throws PlanException, IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String name = file.getFileName().toString();
    Path dir = file.toAbsolutePath().getParent();
    return parse(name, text, PlanFormat.ofFileName(name), dir);
  }

  /** Reads a plan whose format is sniffed from its first character. */
  public static Plan parse(String source, String text) throws PlanException {
    return parse(source, text, PlanFormat.sniff(text));
  }

  /**
   * Reads a plan that was not read from a file: it may only refer to files inline ({@code {name,
   * inline}} or {@code {name, base64}}).
   */
  public static Plan parse(String source, String text, PlanFormat format) throws PlanException {
    return parse(source, text, format, null);
  }

  /**
   * Reads a plan whose file references resolve against {@code baseDir}; null: it may only refer to
   * files inline.
   */
  public static Plan parse(String source, String text, PlanFormat format, Path baseDir)
      throws PlanException {
    PlanParser parser = new PlanParser(source, baseDir);
    Node root = new NodeReader(source, parser.problems).read(text, format);
    Plan plan = root == null ? null : parser.plan(root);
    if (!parser.problems.isEmpty() || plan == null) {
      throw new PlanException(parser.problems);
    }
    return plan;
  }

  private String defaultName() {
    String base = source.replaceAll("\\.(ya?ml|json)$", "");
    int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
    base = SAFE_NAME.matcher(base.substring(slash + 1)).replaceAll("-");
    base = base.replaceAll("^[^A-Za-z0-9]+", "");
    if (base.isEmpty()) {
      return "plan";
    }
    return base.length() > 64 ? base.substring(0, 64) : base;
  }

  private Plan plan(Node root) {
    int before = b.problemCount();
    Binder.Fields f =
        b.new Fields(root, "", "name", "target", "feeders", "scenarios", "thresholds", "cluster");
    if (!f.ok()) {
      return null;
    }
    String name = b.string(f.get("name"), "name");
    Node targetNode = f.require("target");
    Target target = targetNode == null ? null : target(targetNode, "target");
    List<Feeder> feeders = b.list(f.get("feeders"), "feeders", this::feeder);
    Node scenariosNode = f.require("scenarios");
    List<Scenario> scenarios = b.list(scenariosNode, "scenarios", this::scenario);
    List<Threshold> thresholds = b.list(f.get("thresholds"), "thresholds", this::threshold);
    Node clusterNode = f.get("cluster");
    ClusterSettings cluster = clusterNode == null ? null : cluster(clusterNode, "cluster");
    var built =
        b.construct(
            root,
            "",
            before,
            () ->
                new Plan(
                    name == null ? defaultName() : name,
                    target,
                    scenarios,
                    thresholds,
                    cluster,
                    feeders));
    f.finish();
    return built;
  }

  private Target target(Node n, String path) {
    int before = b.problemCount();
    Binder.Fields f =
        b
        .new Fields(
            n,
            path,
            "baseUrl",
            "headers",
            "connectTimeout",
            "requestTimeout",
            "maxConnections",
            "http",
            "maxStreams",
            "cookies",
            "tls");
    var baseUrl = b.url(f.get("baseUrl"), f.pathOf("baseUrl"));
    Map<String, String> headers = b.stringMap(f.get("headers"), f.pathOf("headers"));
    var connect = b.duration(f.get("connectTimeout"), f.pathOf("connectTimeout"));
    var request = b.duration(f.get("requestTimeout"), f.pathOf("requestTimeout"));
    Integer max = b.intValue(f.get("maxConnections"), f.pathOf("maxConnections"));
    HttpProtocol http = protocol(f.get("http"), f.pathOf("http"));
    Integer maxStreams = b.intValue(f.get("maxStreams"), f.pathOf("maxStreams"));
    Boolean cookies = b.bool(f.get("cookies"), f.pathOf("cookies"));
    Node tlsNode = f.get("tls");
    TlsSettings tls = tlsNode == null ? null : tls(tlsNode, f.pathOf("tls"));
    var built =
        b.construct(
            n,
            path,
            before,
            () ->
                new Target(
                    baseUrl,
                    headers,
                    connect == null ? Target.DEFAULT_CONNECT_TIMEOUT : connect,
                    request == null ? Target.DEFAULT_REQUEST_TIMEOUT : request,
                    max == null ? Target.DEFAULT_MAX_CONNECTIONS : max,
                    http,
                    maxStreams == null ? Target.DEFAULT_MAX_STREAMS : maxStreams,
                    cookies == null || cookies,
                    tls));
    f.finish();
    return built;
  }

  private Scenario scenario(Node n, String path) {
    int before = b.problemCount();
    Binder.Fields f = b.new Fields(n, path, "name", "feed", "steps", "load", "maxInFlight");
    if (!f.ok()) {
      return null;
    }
    String name = b.string(f.require("name"), f.pathOf("name"));
    Node feedNode = f.get("feed");
    List<String> feed =
        feedNode instanceof Node.ListNode
            ? b.stringList(feedNode, f.pathOf("feed"))
            : feedNode == null ? null : List.of(b.string(feedNode, f.pathOf("feed")));
    List<Step> steps = b.list(f.require("steps"), f.pathOf("steps"), this::step);
    List<LoadPhase> load = b.list(f.require("load"), f.pathOf("load"), this::phase);
    Integer maxInFlight = b.intValue(f.get("maxInFlight"), f.pathOf("maxInFlight"));
    var built =
        b.construct(
            n,
            path,
            before,
            () ->
                new Scenario(
                    name,
                    steps,
                    load,
                    maxInFlight == null ? Scenario.DEFAULT_MAX_IN_FLIGHT : maxInFlight,
                    feed));
    f.finish();
    return built;
  }

  private Step step(Node n, String path) {
    Node.Entry e = b.oneOf(n, path, List.of("request", "code", "think"));
    if (e == null) {
      return null;
    }
    String p = Binder.join(path, e.key());
    if (e.key().equals("code")) {
      int before = b.problemCount();
      String name = b.string(e.value(), p);
      return b.construct(e.value(), p, before, () -> new CodeStep(name));
    }
    if (e.key().equals("think")) {
      int before = b.problemCount();
      var d = b.duration(e.value(), p);
      return b.construct(e.value(), p, before, () -> new ThinkTime(d));
    }
    return request(e.value(), p);
  }

  private HttpStep request(Node n, String path) {
    int before = b.problemCount();
    Binder.Fields f =
        b
        .new Fields(
            n, path, "name", "method", "path", "url", "headers", "body", "expect", "extract",
            "checks", "http");
    if (!f.ok()) {
      return null;
    }
    String name = b.string(f.get("name"), f.pathOf("name"));
    String method = b.string(f.get("method"), f.pathOf("method"));
    String reqPath = b.string(f.get("path"), f.pathOf("path"));
    String url = b.string(f.get("url"), f.pathOf("url"));
    Map<String, String> headers = b.stringMap(f.get("headers"), f.pathOf("headers"));
    String body = b.string(f.get("body"), f.pathOf("body"));
    StatusExpectation expect = expectation(f.get("expect"), f.pathOf("expect"));
    List<Extractor> extract = b.list(f.get("extract"), f.pathOf("extract"), this::extractor);
    List<BodyCheck> checks = b.list(f.get("checks"), f.pathOf("checks"), this::check);
    HttpProtocol http = protocol(f.get("http"), f.pathOf("http"));
    var built =
        b.construct(
            n,
            path,
            before,
            () ->
                new HttpStep(
                    name,
                    method == null ? "GET" : method.toUpperCase(Locale.ROOT),
                    reqPath,
                    url == null ? null : url.trim(),
                    headers,
                    body,
                    expect,
                    extract,
                    checks,
                    http));
    f.finish();
    return built;
  }

  private static final List<String> EXTRACTOR_KINDS =
      List.of("json", "jsonPath", "header", "regex", "cookie");

  private Extractor extractor(Node n, String path) {
    int before = b.problemCount();
    Binder.Fields f =
        b
        .new Fields(
            n, path, "name", "json", "jsonPath", "header", "regex", "cookie", "group", "required");
    if (!f.ok()) {
      return null;
    }
    String name = b.string(f.require("name"), f.pathOf("name"));
    Extractor.Kind kind = null;
    String expression = null;
    for (Extractor.Kind k : Extractor.Kind.values()) {
      Node v = f.get(k.key());
      if (v == null) {
        continue;
      }
      if (kind != null) {
        b.problem(v, f.pathOf(k.key()), "cannot go with " + kind.key() + ": give one source");
        continue;
      }
      kind = k;
      expression = b.string(v, f.pathOf(k.key()));
    }
    if (kind == null) {
      b.problem(n, path, "needs one of " + String.join(", ", EXTRACTOR_KINDS));
    }
    Integer group = b.intValue(f.get("group"), f.pathOf("group"));
    Boolean required = b.bool(f.get("required"), f.pathOf("required"));
    Extractor.Kind k = kind;
    String e = expression;
    var built =
        b.construct(
            n,
            path,
            before,
            () ->
                new Extractor(
                    name,
                    k,
                    e,
                    group != null
                        ? group
                        : k == Extractor.Kind.REGEX ? Extractor.defaultGroup(e) : 0,
                    required == null || required));
    f.finish();
    return built;
  }

  private BodyCheck check(Node n, String path) {
    int before = b.problemCount();
    Binder.Fields f =
        b.new Fields(n, path, "json", "jsonPath", "bodyContains", "bodyMatches", "equals");
    if (!f.ok()) {
      return null;
    }
    BodyCheck.Kind kind = null;
    String expression = null;
    for (BodyCheck.Kind k : BodyCheck.Kind.values()) {
      Node v = f.get(k.key());
      if (v == null) {
        continue;
      }
      if (kind != null) {
        b.problem(v, f.pathOf(k.key()), "cannot go with " + kind.key() + ": one check per item");
        continue;
      }
      kind = k;
      expression = b.string(v, f.pathOf(k.key()));
    }
    if (kind == null) {
      b.problem(n, path, "needs one of json, jsonPath, bodyContains, bodyMatches");
    }
    String equals = b.string(f.get("equals"), f.pathOf("equals"));
    BodyCheck.Kind k = kind;
    String e = expression;
    var built = b.construct(n, path, before, () -> new BodyCheck(k, e, equals));
    f.finish();
    return built;
  }

  private HttpProtocol protocol(Node n, String path) {
    String text = b.string(n, path);
    if (text == null) {
      return null;
    }
    try {
      return HttpProtocol.parse(text);
    } catch (PlanRuleException e) {
      b.problem(n, path, e.rule());
      return null;
    }
  }

  private TlsSettings tls(Node n, String path) {
    int before = b.problemCount();
    Binder.Fields f =
        b
        .new Fields(
            n,
            path,
            "insecure",
            "ca",
            "clientCert",
            "clientKey",
            "clientKeystore",
            "clientKeystorePassword",
            "versions",
            "provider");
    if (!f.ok()) {
      return null;
    }
    Boolean insecure = b.bool(f.get("insecure"), f.pathOf("insecure"));
    PlanResource ca = b.resource(f.get("ca"), f.pathOf("ca"));
    PlanResource cert = b.resource(f.get("clientCert"), f.pathOf("clientCert"));
    PlanResource key = b.resource(f.get("clientKey"), f.pathOf("clientKey"));
    PlanResource store = b.resource(f.get("clientKeystore"), f.pathOf("clientKeystore"));
    String password = b.string(f.get("clientKeystorePassword"), f.pathOf("clientKeystorePassword"));
    List<String> versions = b.stringList(f.get("versions"), f.pathOf("versions"));
    TlsSettings.Provider provider =
        enumValue(f.get("provider"), f.pathOf("provider"), TlsSettings.Provider.class);
    var built =
        b.construct(
            n,
            path,
            before,
            () ->
                new TlsSettings(
                    insecure != null && insecure,
                    ca,
                    cert,
                    key,
                    store,
                    password,
                    versions,
                    provider));
    f.finish();
    return built;
  }

  private Feeder feeder(Node n, String path) {
    int before = b.problemCount();
    Binder.Fields f = b.new Fields(n, path, "name", "file", "format", "rows", "strategy");
    if (!f.ok()) {
      return null;
    }
    String name = b.string(f.require("name"), f.pathOf("name"));
    Node fileNode = f.get("file");
    Node rowsNode = f.get("rows");
    if ((fileNode == null) == (rowsNode == null)) {
      b.problem(n, path, "needs exactly one of 'file' and 'rows'");
    }
    PlanResource file = b.resource(fileNode, f.pathOf("file"));
    String format = b.string(f.get("format"), f.pathOf("format"));
    if (format != null && rowsNode != null) {
      b.problem(f.get("format"), f.pathOf("format"), "only applies to a file");
    }
    List<String> columns = new ArrayList<>();
    List<List<String>> rows = rowsNode == null ? null : rows(rowsNode, f.pathOf("rows"), columns);
    Node strategyNode = f.get("strategy");
    String strategyText = b.string(strategyNode, f.pathOf("strategy"));
    Feeder.Strategy strategy = null;
    if (strategyText != null) {
      try {
        strategy = Feeder.Strategy.parse(strategyText);
      } catch (PlanRuleException e) {
        b.problem(strategyNode, f.pathOf("strategy"), e.rule());
      }
    }
    Feeder.Strategy s = strategy;
    var built =
        b.construct(
            n,
            path,
            before,
            () ->
                file != null
                    ? Feeder.fromFile(name, s, file, format)
                    : new Feeder(name, s, null, null, columns, rows));
    f.finish();
    return built;
  }

  /** Inline rows: a list of mappings with the same keys; fills {@code columns} from the first. */
  private List<List<String>> rows(Node n, String path, List<String> columns) {
    if (!(n instanceof Node.ListNode list)) {
      b.problem(n, path, "must be a list of rows, each a mapping of column to value");
      return null;
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      Node item = list.items().get(i);
      String at = path + "[" + i + "]";
      if (!(item instanceof Node.MapNode map)) {
        b.problem(item, at, "must be a mapping of column to value, was " + Node.kind(item));
        continue;
      }
      if (columns.isEmpty()) {
        columns.addAll(map.entries().keySet());
      } else if (!new java.util.LinkedHashSet<>(columns).equals(map.entries().keySet())) {
        b.problem(
            item,
            at,
            "has the columns " + map.entries().keySet() + ", but the first row has " + columns);
        continue;
      }
      List<String> values = new ArrayList<>();
      for (String c : columns) {
        Node v = map.entries().get(c).value();
        if (v instanceof Node.ScalarNode sc) {
          values.add(sc.value() == null ? "" : sc.value().toString());
        } else {
          b.problem(v, at + "." + c, "must be text, a number or a boolean, was " + Node.kind(v));
        }
      }
      rows.add(values);
    }
    return rows;
  }

  private StatusExpectation expectation(Node n, String path) {
    if (n == null) {
      return null;
    }
    int before = b.problemCount();
    Binder.Fields f = b.new Fields(n, path, "status");
    Node status = f.require("status");
    f.finish();
    if (status == null || b.problemCount() > before) {
      return null;
    }
    String statusPath = f.pathOf("status");
    List<Node> items = status instanceof Node.ListNode l ? l.items() : List.of(status);
    List<StatusExpectation.Range> ranges = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String itemPath = status instanceof Node.ListNode ? statusPath + "[" + i + "]" : statusPath;
      String text = b.string(item, itemPath);
      if (text == null) {
        continue;
      }
      try {
        ranges.add(StatusExpectation.parseRange(text));
      } catch (PlanRuleException e) {
        b.problem(item, itemPath, e.rule());
      }
    }
    return b.construct(n, path, before, () -> new StatusExpectation(ranges));
  }

  private static final List<String> PHASES =
      List.of("constantRate", "rampRate", "constantUsers", "iterations");

  private LoadPhase phase(Node n, String path) {
    Node.Entry e = b.oneOf(n, path, PHASES);
    if (e == null) {
      return null;
    }
    String p = Binder.join(path, e.key());
    Node v = e.value();
    int before = b.problemCount();
    return switch (e.key()) {
      case "constantRate" -> {
        Binder.Fields f = b.new Fields(v, p, "rate", "duration", "warmup");
        Double rate = rate(f.require("rate"), f.pathOf("rate"));
        var duration = b.duration(f.require("duration"), f.pathOf("duration"));
        boolean warmup = warmup(f);
        var built = b.construct(v, p, before, () -> new ConstantRate(rate, duration, warmup));
        f.finish();
        yield built;
      }
      case "rampRate" -> {
        Binder.Fields f = b.new Fields(v, p, "from", "to", "duration", "warmup");
        Double from = rate(f.require("from"), f.pathOf("from"));
        Double to = rate(f.require("to"), f.pathOf("to"));
        var duration = b.duration(f.require("duration"), f.pathOf("duration"));
        boolean warmup = warmup(f);
        var built = b.construct(v, p, before, () -> new RampRate(from, to, duration, warmup));
        f.finish();
        yield built;
      }
      case "constantUsers" -> {
        Binder.Fields f = b.new Fields(v, p, "users", "duration", "warmup");
        Integer users = b.intValue(f.require("users"), f.pathOf("users"));
        var duration = b.duration(f.require("duration"), f.pathOf("duration"));
        boolean warmup = warmup(f);
        var built = b.construct(v, p, before, () -> new ConstantUsers(users, duration, warmup));
        f.finish();
        yield built;
      }
      default -> {
        Binder.Fields f = b.new Fields(v, p, "users", "iterations", "maxDuration", "warmup");
        Integer users = b.intValue(f.require("users"), f.pathOf("users"));
        Long iterations = b.wholeNumber(f.require("iterations"), f.pathOf("iterations"));
        var max = b.duration(f.get("maxDuration"), f.pathOf("maxDuration"));
        boolean warmup = warmup(f);
        var built = b.construct(v, p, before, () -> new Iterations(users, iterations, max, warmup));
        f.finish();
        yield built;
      }
    };
  }

  private boolean warmup(Binder.Fields f) {
    Boolean w = b.bool(f.get("warmup"), f.pathOf("warmup"));
    return w != null && w;
  }

  /** A rate: a number of sessions per second, or text such as {@code 600/m}. */
  private Double rate(Node n, String path) {
    if (n instanceof Node.ScalarNode s && s.value() instanceof String text) {
      Matcher m = RATE.matcher(text);
      if (!m.matches()) {
        b.problem(
            n,
            path,
            "must be a number per second or a rate such as 100/s or 600/m, was '" + text + "'");
        return null;
      }
      double per =
          switch (m.group(2)) {
            case "s", "sec" -> 1;
            case "m", "min" -> 60;
            default -> 3600;
          };
      return Double.parseDouble(m.group(1)) / per;
    }
    return b.number(n, path);
  }

  private Threshold threshold(Node n, String path) {
    int before = b.problemCount();
    if (n instanceof Node.ScalarNode s && s.value() instanceof String expression) {
      return b.construct(n, path, before, () -> Threshold.parse(null, expression));
    }
    Binder.Fields f = b.new Fields(n, path, "scenario", "condition");
    if (!f.ok()) {
      return null;
    }
    String scenario = b.string(f.get("scenario"), f.pathOf("scenario"));
    Node conditionNode = f.require("condition");
    String condition = b.string(conditionNode, f.pathOf("condition"));
    f.finish();
    if (b.problemCount() > before) {
      return null;
    }
    try {
      return Threshold.parse(scenario, condition);
    } catch (PlanRuleException e) {
      String field = e.field().isEmpty() ? "condition" : e.field();
      b.problem(Binder.locate(n, field), Binder.join(path, field), e.rule());
      return null;
    }
  }

  private ClusterSettings cluster(Node n, String path) {
    int before = b.problemCount();
    Binder.Fields f =
        b
        .new Fields(
            n,
            path,
            "nodeType",
            "clusterId",
            "agentGroup",
            "agentsCount",
            "coordinatorTargetScenarios",
            "agentTargetScenarios",
            "replicate",
            "agentsTimeout",
            "onAgentLoss");
    if (!f.ok()) {
      return null;
    }
    NodeType nodeType = enumValue(f.get("nodeType"), f.pathOf("nodeType"), NodeType.class);
    String clusterId = b.string(f.get("clusterId"), f.pathOf("clusterId"));
    String agentGroup = b.string(f.get("agentGroup"), f.pathOf("agentGroup"));
    Integer agentsCount = b.intValue(f.get("agentsCount"), f.pathOf("agentsCount"));
    List<String> coordinator =
        b.stringList(f.get("coordinatorTargetScenarios"), f.pathOf("coordinatorTargetScenarios"));
    List<String> agents =
        b.stringList(f.get("agentTargetScenarios"), f.pathOf("agentTargetScenarios"));
    List<String> replicate = b.stringList(f.get("replicate"), f.pathOf("replicate"));
    var timeout = b.duration(f.get("agentsTimeout"), f.pathOf("agentsTimeout"));
    AgentLossPolicy loss =
        enumValue(f.get("onAgentLoss"), f.pathOf("onAgentLoss"), AgentLossPolicy.class);
    var built =
        b.construct(
            n,
            path,
            before,
            () ->
                new ClusterSettings(
                    nodeType,
                    clusterId,
                    agentGroup,
                    agentsCount == null ? 1 : agentsCount,
                    coordinator,
                    agents,
                    replicate,
                    timeout,
                    loss));
    f.finish();
    return built;
  }

  private <E extends Enum<E>> E enumValue(Node n, String path, Class<E> type) {
    String text = b.string(n, path);
    if (text == null) {
      return null;
    }
    String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(normal)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    b.problem(n, path, "must be one of " + String.join(", ", names) + ", was '" + text + "'");
    return null;
  }
}
