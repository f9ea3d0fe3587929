package io.salvo.cli;

import io.salvo.cli.client.CoordinatorClient;
import picocli.CommandLine.Option;

/** Where the coordinator is. */
final class ClientOptions {
  @Option(
      names = "--coordinator",
      paramLabel = "URL",
      description = "The coordinator (default: $SALVO_COORDINATOR or http://127.0.0.1:8180).")
  String coordinator;

  CoordinatorClient client() {
    String url = coordinator;
    if (url == null) {
      url = System.getenv().getOrDefault("SALVO_COORDINATOR", "http://127.0.0.1:8180");
    }
    return new CoordinatorClient(url);
  }
}
