package io.salvo.target;

import io.salvo.target.tls.Certificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a target until the process is stopped: {@code java -jar ... [port] [threads] [host] [--tls
 * DIR [--require-client-cert]] [--http2]}. With {@code --tls DIR} it serves HTTPS with {@code
 * DIR/server.pem} and {@code DIR/server.key}, generating a CA and certificates into DIR first when
 * {@code DIR/server.pem} does not exist.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    Path tlsDir = null;
    boolean http2 = false;
    boolean requireClientCert = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--tls" -> {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--tls needs a directory");
          }
          tlsDir = Path.of(args[++i]);
        }
        case "--http2" -> http2 = true;
        case "--require-client-cert" -> requireClientCert = true;
        default -> positional.add(args[i]);
      }
    }
    if (requireClientCert && tlsDir == null) {
      throw new IllegalArgumentException("--require-client-cert needs --tls DIR");
    }
    int port = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 8088;
    int threads = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 1;
    String host = positional.size() > 2 ? positional.get(2) : "127.0.0.1";
    TargetServer.Builder options =
        TargetServer.builder().host(host).port(port).threads(threads).http2(http2);
    Certificates.Bundle certs = null;
    if (tlsDir != null) {
      certs = Certificates.ensure(tlsDir);
      options.tls(certs.server());
      if (requireClientCert) {
        options.clientAuth(true, certs.ca());
      }
    }
    TargetServer target = options.start();
    String scheme = certs == null ? "http://" : "https://";
    System.out.println(
        "salvo target listening on "
            + scheme
            + host
            + ":"
            + target.port()
            + (http2 ? " (HTTP/2 and HTTP/1.1)" : ""));
    if (certs != null) {
      System.out.println("clients must trust the CA " + certs.ca().toAbsolutePath());
      if (requireClientCert) {
        System.out.println(
            "and present a client certificate: "
                + certs.clientCert().toAbsolutePath()
                + " with "
                + certs.clientKey().toAbsolutePath()
                + " (or "
                + certs.clientP12().toAbsolutePath()
                + ", password "
                + Certificates.P12_PASSWORD
                + ")");
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(target::close));
    Thread.currentThread().join();
  }
}
