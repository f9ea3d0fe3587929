package io.salvo.cli;

import io.salvo.target.TargetServer;
import io.salvo.target.tls.Certificates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "target",
    description = {
      "Serve Salvo's small demo target until stopped: / answers 200, /status/{code},"
          + " /delay/{ms}, /bytes/{n}, a small shop under /api/ (login, products, cart, checkout);"
          + " /__salvo/stats shows what it answered."
    })
final class TargetCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8088", description = "Port (default 8088; 0: any).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
  String host;

  @Option(names = "--threads", defaultValue = "1", description = "Event loops (default 1).")
  int threads;

  @Option(
      names = "--tls",
      paramLabel = "DIR",
      description =
          "Serve HTTPS with DIR/server.pem and DIR/server.key; when DIR/server.pem is missing,"
              + " first generate a CA (DIR/ca.pem), server and client certificates into DIR.")
  Path tls;

  @Option(
      names = "--http2",
      description = "Also serve HTTP/2: by ALPN over TLS, by prior knowledge (h2c) in cleartext.")
  boolean http2;

  @Option(
      names = "--require-client-cert",
      description =
          "With --tls: accept only clients presenting a certificate signed by DIR/ca.pem.")
  boolean requireClientCert;

  @Option(
      names = "--delay",
      paramLabel = "MS",
      defaultValue = "0",
      description =
          "Every response waits this many milliseconds more (default 0; GET /__salvo/delay?ms=N"
              + " changes it while the target runs).")
  long delay;

  @Override
  public Integer call() throws Exception {
    if (delay < 0) {
      throw new UsageException("--delay must be >= 0 ms, was " + delay);
    }
    if (threads < 1) {
      throw new UsageException("--threads must be > 0, was " + threads);
    }
    if (requireClientCert && tls == null) {
      throw new UsageException("--require-client-cert needs --tls DIR");
    }
    TargetServer.Builder options =
        TargetServer.builder().host(host).port(port).threads(threads).http2(http2);
    Certificates.Bundle certs = null;
    if (tls != null) {
      try {
        certs = Certificates.ensure(tls.toAbsolutePath());
      } catch (Exception e) {
        throw new UsageException("cannot write certificates into " + tls + ": " + e.getMessage());
      }
      options.tls(certs.server());
      if (requireClientCert) {
        options.clientAuth(true, certs.ca());
      }
    }
    TargetServer target;
    try {
      target = options.start();
    } catch (Exception e) {
      throw new UsageException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
    target.addDelay(delay);
    Runtime.getRuntime().addShutdownHook(new Thread(target::close));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "salvo target listening on "
            + (certs == null ? "http://" : "https://")
            + host
            + ":"
            + target.port()
            + (http2 ? " (HTTP/2 and HTTP/1.1)" : ""));
    if (certs != null) {
      out.println(
          "clients must trust its CA: --ca "
              + certs.ca()
              + " (a plan's target: tls: {ca: ...}), or skip verification with --insecure");
      if (requireClientCert) {
        out.println(
            "and present a client certificate: "
                + certs.clientCert()
                + " with its key "
                + certs.clientKey()
                + ", or the keystore "
                + certs.clientP12()
                + " (password "
                + Certificates.P12_PASSWORD
                + ")");
      }
    }
    out.flush();
    Thread.currentThread().join();
    return ExitCodes.PASSED;
  }
}
