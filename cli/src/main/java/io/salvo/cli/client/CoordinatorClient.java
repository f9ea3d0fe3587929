package io.salvo.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/** A small client of the coordinator's REST API (the JDK's HttpClient: not a hot path). */
public final class CoordinatorClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Path ca;
  private final String token;
  private final HttpClient http;

  /**
   * @param base the coordinator's URL, such as {@code http://127.0.0.1:8180}
   */
  public CoordinatorClient(String base) {
    this(base, null);
  }

  /**
   * @param base the coordinator's URL, such as {@code https://127.0.0.1:8543}
   * @param ca PEM certificates to trust for an {@code https} coordinator instead of the JVM's trust
   *     store (its own certificate, or the authority that signed it); null for the trust store
   */
  public CoordinatorClient(String base, Path ca) {
    this(base, ca, null);
  }

  /**
   * @param token the API token sent as {@code Authorization: Bearer}; null to send none
   */
  public CoordinatorClient(String base, Path ca, String token) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    try {
      this.base = URI.create(b);
      if (this.base.getScheme() == null || this.base.getHost() == null) {
        throw new IllegalArgumentException("not an absolute URL");
      }
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          0,
          "--coordinator must be a URL such as http://127.0.0.1:8180, was '" + base + "'",
          List.of());
    }
    this.ca = ca;
    this.token = token == null || token.isBlank() ? null : token.trim();
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (ca != null) {
      client.sslContext(trusting(ca));
    }
    this.http = client.build();
  }

  /** A TLS context that trusts the certificates in a PEM file, and nothing else. */
  private static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new ApiException(
            0, "--coordinator-ca " + pem + " holds no PEM certificate", List.of());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (NoSuchFileException e) {
      throw new ApiException(0, "--coordinator-ca " + pem + ": no such file", List.of());
    } catch (IOException | GeneralSecurityException e) {
      throw new ApiException(
          0, "--coordinator-ca " + pem + " is not a PEM certificate file: " + e, List.of());
    }
  }

  public URI base() {
    return base;
  }

  /** Starts a run of an inline plan; returns the run as the API shows it. */
  public JsonNode startRun(
      String planText, String clusterId, String group, Integer agents, String agentsTimeout) {
    ObjectNode body = JSON.createObjectNode();
    body.put("plan", planText);
    if (clusterId != null) {
      body.put("clusterId", clusterId);
    }
    if (group != null) {
      body.put("agentGroup", group);
    }
    if (agents != null) {
      body.put("agentsCount", agents);
    }
    if (agentsTimeout != null) {
      body.put("agentsTimeout", agentsTimeout);
    }
    return json(
        send(
            HttpRequest.newBuilder(uri("/api/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
  }

  public JsonNode run(String id) {
    return json(send(HttpRequest.newBuilder(uri("/api/runs/" + id)).GET()));
  }

  public JsonNode stats(String id) {
    return json(send(HttpRequest.newBuilder(uri("/api/runs/" + id + "/stats")).GET()));
  }

  public JsonNode stop(String id) {
    return json(
        send(
            HttpRequest.newBuilder(uri("/api/runs/" + id + "/stop"))
                .POST(HttpRequest.BodyPublishers.noBody())));
  }

  public String reportJson(String id) {
    return send(HttpRequest.newBuilder(uri("/api/runs/" + id + "/report.json")).GET());
  }

  public String reportHtml(String id) {
    return send(HttpRequest.newBuilder(uri("/api/runs/" + id + "/report.html")).GET());
  }

  public String latencyLog(String id) {
    return send(HttpRequest.newBuilder(uri("/api/runs/" + id + "/latency.hlog")).GET());
  }

  public JsonNode agents() {
    return json(send(HttpRequest.newBuilder(uri("/api/agents")).GET()));
  }

  /**
   * Any call of the API: {@code method} on {@code path} (under {@code /api}) with a JSON body or
   * none; the answer's JSON, or null when it has no body.
   */
  public JsonNode call(String method, String path, JsonNode body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api" + path));
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    String answer = send(b);
    return answer.isBlank() ? null : json(answer);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private String send(HttpRequest.Builder request) {
    HttpResponse<String> res;
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      res =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ApiException(
          0, "cannot reach the coordinator at " + base + ": connection refused", List.of());
    } catch (SSLHandshakeException e) {
      throw new ApiException(
          0,
          "the coordinator at "
              + base
              + " has a certificate that is not trusted ("
              + (ca == null ? "the JVM's trust store" : ca)
              + "): give its certificate with --coordinator-ca FILE or SALVO_COORDINATOR_CA (salvo cluster up writes"
              + " .salvo/cluster/tls/coordinator.pem)",
          List.of());
    } catch (IOException e) {
      throw new ApiException(0, "cannot reach the coordinator at " + base + ": " + e, List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(0, "interrupted", List.of());
    }
    if (res.statusCode() == 401) {
      ApiException p = problem(res);
      throw new ApiException(
          401,
          p.getMessage()
              + (token == null
                  ? "; give an API token with --token or SALVO_TOKEN (salvo cluster up writes an"
                      + " admin token to .salvo/cluster/admin.token)"
                  : ""),
          List.of());
    }
    if (res.statusCode() >= 400) {
      throw problem(res);
    }
    return res.body();
  }

  private static ApiException problem(HttpResponse<String> res) {
    try {
      JsonNode p = JSON.readTree(res.body());
      List<String> problems = new ArrayList<>();
      if (p.has("problems") && p.get("problems").isArray()) {
        p.get("problems").forEach(i -> problems.add(i.path("text").asText()));
      }
      String detail = p.path("detail").asText(res.body());
      return new ApiException(res.statusCode(), detail, problems);
    } catch (IOException | RuntimeException e) {
      return new ApiException(
          res.statusCode(),
          "the coordinator answered " + res.statusCode() + ": " + res.body(),
          List.of());
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiException(
          0, "the coordinator answered something that is not JSON: " + body, List.of());
    }
  }
}
