package io.salvo.examples;

import io.salvo.sdk.SalvoResponse;
import io.salvo.sdk.SalvoResult;
import io.salvo.sdk.SalvoRunner;
import io.salvo.sdk.SalvoScenario;
import io.salvo.sdk.SalvoSimulation;
import io.salvo.sdk.SalvoThreshold;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Any code can be measured, not only HTTP: each session opens a TCP connection to an echo server,
 * sends a line, reads it back and checks it. The connect and the round trip are timed as steps of
 * their own; a wrong echo fails the session with a message the report counts.
 *
 * <pre>
 * java -cp salvo-examples.jar io.salvo.examples.TcpEcho [host:port] [rate] [seconds]
 * </pre>
 *
 * Without {@code host:port} it starts its own echo server on 127.0.0.1.
 */
public final class TcpEcho {
  private TcpEcho() {}

  /** A scenario that echoes one line per session through {@code host:port}. */
  public static SalvoScenario scenario(String host, int port, double rate, Duration duration) {
    return SalvoScenario.create(
            "tcp-echo",
            ctx -> {
              String line = "ping " + ctx.invocationNumber();
              try (Socket socket =
                  ctx.step(
                      "connect",
                      () -> {
                        Socket s = new Socket();
                        s.connect(new InetSocketAddress(host, port), 2_000);
                        s.setSoTimeout(5_000);
                        return s;
                      })) {
                String back =
                    ctx.step(
                        "round-trip",
                        () -> {
                          OutputStream out = socket.getOutputStream();
                          out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                          out.flush();
                          return new BufferedReader(
                                  new InputStreamReader(
                                      socket.getInputStream(), StandardCharsets.UTF_8))
                              .readLine();
                        });
                if (!line.equals(back)) {
                  return SalvoResponse.fail("wrong echo");
                }
                return SalvoResponse.ok("200", back.length() + 1);
              }
            })
        .withMaxInFlight(200)
        .withLoadSimulations(SalvoSimulation.injectPerSec(rate, duration));
  }

  /** An echo server on 127.0.0.1 (any free port): each connection gets its lines back. */
  public static final class Server implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    public Server() throws IOException {
      socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      threads.execute(this::accept);
    }

    public int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket c = socket.accept();
          threads.execute(() -> echo(c));
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private static void echo(Socket c) {
      try (c) {
        c.getInputStream().transferTo(c.getOutputStream());
      } catch (IOException e) {
        // the client went away
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      threads.shutdownNow();
    }
  }

  public static void main(String[] args) throws Exception {
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 100;
    Duration duration = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
    Server own = args.length > 0 ? null : new Server();
    String host = own != null ? "127.0.0.1" : args[0].substring(0, args[0].lastIndexOf(':'));
    int port =
        own != null
            ? own.port()
            : Integer.parseInt(args[0].substring(args[0].lastIndexOf(':') + 1));
    try {
      SalvoResult result =
          SalvoRunner.registerScenarios(scenario(host, port, rate, duration))
              .withThresholds(SalvoThreshold.of("errorRate == 0%"))
              .run();
      System.exit(result.passed() ? 0 : 1);
    } finally {
      if (own != null) {
        own.close();
      }
    }
  }
}
