package io.salvo.cli;

import io.salvo.plan.ConstantRate;
import io.salvo.plan.ConstantUsers;
import io.salvo.plan.HttpProtocol;
import io.salvo.plan.HttpStep;
import io.salvo.plan.Iterations;
import io.salvo.plan.LoadPhase;
import io.salvo.plan.Plan;
import io.salvo.plan.PlanResource;
import io.salvo.plan.PlanRuleException;
import io.salvo.plan.Scenario;
import io.salvo.plan.StatusExpectation;
import io.salvo.plan.Target;
import io.salvo.plan.Threshold;
import io.salvo.plan.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Quick mode: a plan of one scenario that requests one URL, from command-line options. Shared by
 * {@code salvo run} and {@code salvo start}.
 */
final class QuickPlan {
  @Option(names = "--url", description = "The URL to load (quick mode, instead of a plan file).")
  String url;

  @Option(names = "--rate", description = "Open model: requests per second.")
  Double rate;

  @Option(names = "--users", description = "Closed model: concurrent users.")
  Integer users;

  @Option(
      names = "--requests",
      description = "Closed model: this many requests in all, shared by --users (default 1) users.")
  Long requests;

  @Option(
      names = "--duration",
      description = "How long to run (with --requests: the most it may take).")
  Duration duration;

  @Option(names = "--warmup", description = "A warm-up at the same load before, not recorded.")
  Duration warmup;

  @Option(names = "--method", defaultValue = "GET", description = "HTTP method (default GET).")
  String method;

  @Option(
      names = {"-H", "--header"},
      description = "A header 'Name: value'; repeatable.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--body", description = "The request body.")
  String body;

  @Option(
      names = "--expect",
      description = "Accepted statuses, such as 200, 2xx or 200-299 (default: below 400).")
  String expect;

  @Option(names = "--connections", description = "Connections per node (default 100).")
  Integer connections;

  @Option(names = "--max-in-flight", description = "Most sessions in flight per node.")
  Integer maxInFlight;

  @Option(
      names = "--http",
      paramLabel = "auto|1.1|2",
      description =
          "HTTP version: auto (HTTP/2 when the server offers it over TLS; default), 1.1, or 2"
              + " (h2 over TLS, h2c prior knowledge on http://).")
  String http;

  @Option(
      names = "--max-streams",
      description = "Most concurrent HTTP/2 streams per connection (default 100).")
  Integer maxStreams;

  @Option(
      names = "--insecure",
      description = "Do not verify the server's certificate or name (the report says so).")
  boolean insecure;

  @Option(
      names = "--ca",
      paramLabel = "PEM",
      description = "Trust this CA (PEM) in addition to the JVM's trust store.")
  Path ca;

  @Option(names = "--cert", paramLabel = "PEM", description = "Client certificate (PEM) for mTLS.")
  Path cert;

  @Option(
      names = "--key",
      paramLabel = "PEM",
      description = "The client certificate's private key (unencrypted PKCS#8 PEM).")
  Path key;

  @Option(
      names = "--keystore",
      paramLabel = "P12",
      description =
          "Client key and certificate as PKCS#12 (its password from $SALVO_KEYSTORE_PASSWORD).")
  Path keystore;

  @Option(
      names = "--tls-provider",
      paramLabel = "auto|openssl|jdk",
      description = "TLS implementation (default auto: OpenSSL where it loads, else the JDK's).")
  String tlsProvider;

  @Option(
      names = "--threshold",
      description = "A threshold such as 'p99 < 200ms' or 'errorRate < 1%%'; repeatable.")
  List<String> thresholds = new ArrayList<>();

  boolean requested() {
    return url != null;
  }

  /** The plan these options describe; refuses inconsistent options with a clear message. */
  Plan build(String name) {
    if (url == null) {
      throw new UsageException("quick mode needs --url");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new UsageException("--url is not a valid URL: " + e.getMessage());
    }
    if (rate != null && users != null) {
      throw new UsageException("--rate (open model) and --users (closed model) do not go together");
    }
    int models =
        (rate != null ? 1 : 0)
            + (requests != null ? 1 : 0)
            + (users != null && requests == null ? 1 : 0);
    if (models != 1) {
      throw new UsageException(
          "quick mode needs exactly one of --rate R, --users U or --requests N (with --users U)");
    }
    try {
      List<LoadPhase> load = new ArrayList<>();
      if (requests != null) {
        int u = users == null ? 1 : users;
        if (u <= 0) {
          throw new UsageException("--users must be > 0, was " + u);
        }
        if (requests <= 0 || requests % u != 0) {
          throw new UsageException(
              "--requests must be a positive multiple of --users (" + u + "), was " + requests);
        }
        if (warmup != null && !warmup.isZero()) {
          throw new UsageException("--warmup does not go with --requests");
        }
        load.add(new Iterations(u, requests / u, duration, false));
      } else {
        if (duration == null) {
          throw new UsageException("--duration is required with --rate or --users");
        }
        // --warmup 0s asks for no warm-up.
        if (warmup != null && !warmup.isZero()) {
          load.add(phase(warmup, true));
        }
        load.add(phase(duration, false));
      }
      Map<String, String> headerMap = new LinkedHashMap<>();
      for (String h : headers) {
        int colon = h.indexOf(':');
        if (colon <= 0) {
          throw new UsageException("--header must look like 'Name: value', was '" + h + "'");
        }
        headerMap.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
      }
      StatusExpectation expectation = null;
      if (expect != null) {
        List<StatusExpectation.Range> ranges = new ArrayList<>();
        for (String part : expect.split(",")) {
          ranges.add(StatusExpectation.parseRange(part));
        }
        expectation = new StatusExpectation(ranges);
      }
      HttpStep step =
          new HttpStep(
              null,
              method.toUpperCase(java.util.Locale.ROOT),
              null,
              uri.toString(),
              headerMap,
              body,
              expectation);
      Scenario scenario =
          new Scenario(
              "quick",
              List.of(step),
              load,
              maxInFlight == null ? Scenario.DEFAULT_MAX_IN_FLIGHT : maxInFlight);
      Target target =
          new Target(
              null,
              Map.of(),
              Target.DEFAULT_CONNECT_TIMEOUT,
              Target.DEFAULT_REQUEST_TIMEOUT,
              connections == null ? Target.DEFAULT_MAX_CONNECTIONS : connections,
              http == null ? HttpProtocol.AUTO : protocol(http),
              maxStreams == null ? Target.DEFAULT_MAX_STREAMS : maxStreams,
              true,
              tls());
      List<Threshold> parsed = new ArrayList<>();
      for (String t : thresholds) {
        parsed.add(Threshold.parse(null, t));
      }
      return new Plan(name, target, List.of(scenario), parsed, null);
    } catch (PlanRuleException e) {
      throw new UsageException(option(e) + " " + e.rule());
    }
  }

  private static HttpProtocol protocol(String text) {
    try {
      return HttpProtocol.parse(text);
    } catch (PlanRuleException e) {
      throw new UsageException("--http " + e.rule());
    }
  }

  /** The TLS options as plan settings; null when none is given. */
  private TlsSettings tls() {
    if (!insecure
        && ca == null
        && cert == null
        && key == null
        && keystore == null
        && tlsProvider == null) {
      return null;
    }
    if (!url.startsWith("https://")) {
      throw new UsageException(
          "--insecure, --ca, --cert, --key, --keystore and --tls-provider apply to https:// URLs;"
              + " --url is "
              + url);
    }
    String password = keystore == null ? null : System.getenv("SALVO_KEYSTORE_PASSWORD");
    try {
      return new TlsSettings(
          insecure,
          file("--ca", ca),
          file("--cert", cert),
          file("--key", key),
          file("--keystore", keystore),
          password,
          null,
          provider());
    } catch (PlanRuleException e) {
      String rule =
          e.rule()
              .replace("clientKeystorePassword", "$SALVO_KEYSTORE_PASSWORD")
              .replace("clientKeystore", "--keystore")
              .replace("clientCert", "--cert")
              .replace("clientKey", "--key")
              .replace("'ca'", "--ca");
      if (keystore != null && password == null && e.field().startsWith("clientKeystore")) {
        rule += " ($SALVO_KEYSTORE_PASSWORD, its password, is not set)";
      }
      throw new UsageException(tlsOption(e.field()) + " " + rule);
    }
  }

  private TlsSettings.Provider provider() {
    if (tlsProvider == null) {
      return null;
    }
    try {
      return TlsSettings.Provider.valueOf(tlsProvider.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--tls-provider must be auto, openssl or jdk, was " + tlsProvider);
    }
  }

  private static PlanResource file(String option, Path p) {
    if (p == null) {
      return null;
    }
    try {
      return new PlanResource(p.getFileName().toString(), Files.readAllBytes(p));
    } catch (NoSuchFileException e) {
      throw new UsageException(option + " " + p + " does not exist");
    } catch (IOException e) {
      throw new UsageException(option + " " + p + " cannot be read: " + e.getMessage());
    }
  }

  private static String tlsOption(String field) {
    return switch (field) {
      case "ca" -> "--ca";
      case "clientCert" -> "--cert";
      case "clientKey" -> "--key";
      case "clientKeystore", "clientKeystorePassword" -> "--keystore";
      case "insecure" -> "--insecure";
      default -> field;
    };
  }

  private LoadPhase phase(Duration d, boolean isWarmup) {
    if (rate != null) {
      return new ConstantRate(rate, d, isWarmup);
    }
    return new ConstantUsers(users, d, isWarmup);
  }

  /** The command-line option a model rule is about. */
  private static String option(PlanRuleException e) {
    String f = e.field();
    if (f.isEmpty()) {
      return "--threshold";
    }
    return switch (f) {
      case "users" -> "--users";
      case "rate" -> "--rate";
      case "duration", "maxDuration" -> "--duration";
      case "url" -> "--url";
      case "method" -> "--method";
      case "maxConnections" -> "--connections";
      case "maxStreams" -> "--max-streams";
      case "maxInFlight" -> "--max-in-flight";
      case "status" -> "--expect";
      default -> f;
    };
  }
}
