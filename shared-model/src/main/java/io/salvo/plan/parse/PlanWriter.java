package io.salvo.plan.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.salvo.plan.BodyCheck;
import io.salvo.plan.ClusterSettings;
import io.salvo.plan.CodeStep;
import io.salvo.plan.ConstantRate;
import io.salvo.plan.ConstantUsers;
import io.salvo.plan.Durations;
import io.salvo.plan.Extractor;
import io.salvo.plan.Feeder;
import io.salvo.plan.HttpProtocol;
import io.salvo.plan.HttpStep;
import io.salvo.plan.Iterations;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.Plan;
import io.salvo.plan.PlanResource;
import io.salvo.plan.RampRate;
import io.salvo.plan.Scenario;
import io.salvo.plan.StatusExpectation;
import io.salvo.plan.Step;
import io.salvo.plan.Target;
import io.salvo.plan.ThinkTime;
import io.salvo.plan.Threshold;
import io.salvo.plan.TlsSettings;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a plan in the format {@link PlanParser} reads, so {@code parse(write(plan))} equals {@code
 * plan}. Used for plans built in code (quick mode, the Java API) and to carry plans in messages:
 * the files a plan refers to are written into it ({@code {name, inline}} for text, {@code {name,
 * base64}} otherwise), so the written plan stands alone.
 */
public final class PlanWriter {
  /** Plans' JSON and YAML as this writer formats them (also read by {@link PlanMasking}). */
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private PlanWriter() {}

  public static String json(Plan plan) {
    return write(JSON, plan);
  }

  public static String yaml(Plan plan) {
    return write(YAML, plan);
  }

  private static String write(ObjectMapper mapper, Plan plan) {
    try {
      return mapper.writeValueAsString(tree(plan));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plan as maps, lists, strings and numbers. */
  public static Map<String, Object> tree(Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", plan.name());
    m.put("target", target(plan.target()));
    if (!plan.feeders().isEmpty()) {
      m.put("feeders", plan.feeders().stream().map(PlanWriter::feeder).toList());
    }
    m.put("scenarios", plan.scenarios().stream().map(PlanWriter::scenario).toList());
    if (!plan.thresholds().isEmpty()) {
      m.put("thresholds", plan.thresholds().stream().map(PlanWriter::threshold).toList());
    }
    m.put("cluster", cluster(plan.cluster()));
    return m;
  }

  private static Map<String, Object> target(Target t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (t.baseUrl() != null) {
      m.put("baseUrl", t.baseUrl().toString());
    }
    if (!t.headers().isEmpty()) {
      m.put("headers", new LinkedHashMap<>(t.headers()));
    }
    m.put("connectTimeout", Durations.format(t.connectTimeout()));
    m.put("requestTimeout", Durations.format(t.requestTimeout()));
    m.put("maxConnections", t.maxConnections());
    if (t.http() != HttpProtocol.AUTO) {
      m.put("http", t.http().label());
    }
    if (t.maxStreams() != Target.DEFAULT_MAX_STREAMS) {
      m.put("maxStreams", t.maxStreams());
    }
    if (!t.cookies()) {
      m.put("cookies", false);
    }
    if (t.tls() != null) {
      m.put("tls", tls(t.tls()));
    }
    return m;
  }

  private static Map<String, Object> tls(TlsSettings t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (t.insecure()) {
      m.put("insecure", true);
    }
    putResource(m, "ca", t.ca());
    putResource(m, "clientCert", t.clientCert());
    putResource(m, "clientKey", t.clientKey());
    putResource(m, "clientKeystore", t.clientKeystore());
    if (t.clientKeystorePassword() != null) {
      m.put("clientKeystorePassword", t.clientKeystorePassword());
    }
    m.put("versions", t.versions());
    m.put("provider", t.provider().label());
    return m;
  }

  private static void putResource(Map<String, Object> m, String key, PlanResource r) {
    if (r != null) {
      m.put(key, resource(r));
    }
  }

  /** A file's content: as text when it is UTF-8, else as base64. */
  private static Map<String, Object> resource(PlanResource r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    byte[] bytes = r.content();
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      m.put("inline", text);
    } catch (CharacterCodingException e) {
      m.put("base64", Base64.getEncoder().encodeToString(bytes));
    }
    return m;
  }

  private static Map<String, Object> feeder(Feeder f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    if (f.file() != null) {
      m.put("file", resource(f.file()));
      if (f.format() != null) {
        m.put("format", f.format());
      }
    } else {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (List<String> row : f.rows()) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (int i = 0; i < f.columns().size(); i++) {
          r.put(f.columns().get(i), row.get(i));
        }
        rows.add(r);
      }
      m.put("rows", rows);
    }
    m.put("strategy", f.strategy().label());
    return m;
  }

  private static Map<String, Object> scenario(Scenario s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    if (!s.feed().isEmpty()) {
      m.put("feed", s.feed());
    }
    m.put("steps", s.steps().stream().map(PlanWriter::step).toList());
    m.put("load", s.load().stream().map(PlanWriter::phase).toList());
    m.put("maxInFlight", s.maxInFlight());
    return m;
  }

  private static Map<String, Object> step(Step step) {
    if (step instanceof ThinkTime t) {
      return Map.of("think", Durations.format(t.duration()));
    }
    if (step instanceof CodeStep c) {
      return Map.of("code", c.name());
    }
    HttpStep h = (HttpStep) step;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", h.name());
    m.put("method", h.method());
    if (h.path() != null) {
      m.put("path", h.path());
    } else {
      m.put("url", h.url());
    }
    if (!h.headers().isEmpty()) {
      m.put("headers", new LinkedHashMap<>(h.headers()));
    }
    if (h.body() != null) {
      m.put("body", h.body());
    }
    List<String> ranges = new ArrayList<>();
    for (StatusExpectation.Range r : h.expect().ranges()) {
      ranges.add(r.toString());
    }
    m.put("expect", Map.of("status", ranges));
    if (!h.extract().isEmpty()) {
      m.put("extract", h.extract().stream().map(PlanWriter::extractor).toList());
    }
    if (!h.checks().isEmpty()) {
      m.put("checks", h.checks().stream().map(PlanWriter::check).toList());
    }
    if (h.http() != null) {
      m.put("http", h.http().label());
    }
    return Map.of("request", m);
  }

  private static Map<String, Object> extractor(Extractor e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put(e.kind().key(), e.expression());
    if (e.kind() == Extractor.Kind.REGEX) {
      m.put("group", e.group());
    }
    if (!e.required()) {
      m.put("required", false);
    }
    return m;
  }

  private static Map<String, Object> check(BodyCheck c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(c.kind().key(), c.expression());
    if (c.equals() != null) {
      m.put("equals", c.equals());
    }
    return m;
  }

  private static Map<String, Object> phase(LoadPhase phase) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (phase instanceof ConstantRate c) {
      m.put("rate", c.rate());
      m.put("duration", Durations.format(c.duration()));
    } else if (phase instanceof RampRate r) {
      m.put("from", r.from());
      m.put("to", r.to());
      m.put("duration", Durations.format(r.duration()));
    } else if (phase instanceof ConstantUsers u) {
      m.put("users", u.users());
      m.put("duration", Durations.format(u.duration()));
    } else if (phase instanceof Iterations i) {
      m.put("users", i.users());
      m.put("iterations", i.iterations());
      m.put("maxDuration", Durations.format(i.maxDuration()));
    }
    if (phase.warmup()) {
      m.put("warmup", true);
    }
    return Map.of(phase.kind(), m);
  }

  private static Object threshold(Threshold t) {
    if (t.scenario() == null) {
      return t.expression();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", t.scenario());
    m.put("condition", t.expression());
    return m;
  }

  private static Map<String, Object> cluster(ClusterSettings c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nodeType", c.nodeType().name());
    m.put("clusterId", c.clusterId());
    if (c.agentGroup() != null) {
      m.put("agentGroup", c.agentGroup());
    }
    m.put("agentsCount", c.agentsCount());
    m.put("coordinatorTargetScenarios", c.coordinatorTargetScenarios());
    m.put("agentTargetScenarios", c.agentTargetScenarios());
    m.put("replicate", c.replicate());
    m.put("agentsTimeout", Durations.format(c.agentsTimeout()));
    m.put("onAgentLoss", c.onAgentLoss().name());
    return m;
  }
}
