package io.salvo.cli;

import io.salvo.cli.client.CoordinatorClient;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the coordinator is, and which certificate to trust when it speaks HTTPS. */
final class ClientOptions {
  @Option(
      names = "--coordinator",
      paramLabel = "URL",
      description = "The coordinator (default: $SALVO_COORDINATOR or http://127.0.0.1:8180).")
  String coordinator;

  @Option(
      names = "--coordinator-ca",
      paramLabel = "FILE",
      description =
          "PEM certificates to trust for an https:// coordinator (default: $SALVO_COORDINATOR_CA; for"
              + " https://127.0.0.1 the certificate `salvo cluster up` made; otherwise the JVM's"
              + " trust store).")
  Path ca;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "The API token to send (default: $SALVO_TOKEN; for the coordinator `salvo cluster up`"
              + " runs here, at its ports on 127.0.0.1 or localhost, the admin token it wrote to"
              + " .salvo/cluster/admin.token)."
              + " Prefer SALVO_TOKEN: a command line is visible to others on the machine.")
  String token;

  CoordinatorClient client() {
    String url = coordinator;
    if (url == null) {
      url = System.getenv().getOrDefault("SALVO_COORDINATOR", "http://127.0.0.1:8180");
    }
    Path trust = ca;
    if (trust == null && System.getenv("SALVO_COORDINATOR_CA") != null) {
      trust = Path.of(System.getenv("SALVO_COORDINATOR_CA"));
    }
    if (trust == null
        && (url.startsWith("https://127.0.0.1") || url.startsWith("https://localhost"))) {
      Path local =
          io.salvo.cli.cluster.LocalCluster.standard(ClusterCommand.home())
              .coordinatorCertificate();
      trust = Files.isRegularFile(local) ? local : null;
    }
    String secret = token != null ? token : System.getenv("SALVO_TOKEN");
    if (secret == null) {
      secret =
          io.salvo.cli.cluster.LocalCluster.standard(ClusterCommand.home())
              .adminTokenFor(url)
              .orElse(null);
    }
    return new CoordinatorClient(url, trust, secret);
  }
}
