package io.salvo.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 to one port (an agent's way to its broker, say), that a test can cut:
 * {@link #cut()} closes every relayed connection and stops listening (new connections are refused)
 * until {@link #restore()} listens on the same port again, as a network failure on that path would.
 *
 * <p>When the target itself goes away (a relayed connection ends and the target's port refuses),
 * the relay refuses too, before it closes its side, and listens again once the target does: a
 * client sees what it would see without the relay, a refused connection, never one accepted and
 * closed at once (Artemis's client gives up reconnecting when an HTTP upgrade connection closes
 * before the upgrade).
 */
final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile boolean cut;
  private volatile boolean following;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    listen(0);
    this.port = server.getLocalPort();
  }

  private void listen(int at) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), at));
    server = s;
    Thread t = new Thread(() -> accept(s), "tcp-proxy " + s.getLocalPort() + " -> " + targetPort);
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return port;
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        continue; // closed: the loop ends
      }
      try {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client, true);
      } catch (IOException e) {
        // The target refused: the client's connection closes at once, as a refused one would
        // (left open, the client would wait for an answer that never comes).
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    pump(from, to, false);
  }

  private void pump(Socket from, Socket to, boolean fromTarget) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed
              } finally {
                if (fromTarget) {
                  followTarget();
                }
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy pump");
    t.setDaemon(true);
    t.start();
  }

  /**
   * After a relayed connection ended on the target's side: when the target refuses, stop listening
   * until it accepts again.
   */
  private synchronized void followTarget() {
    if (cut || following || accepts()) {
      return;
    }
    following = true;
    closeQuietly(server);
    Thread t =
        new Thread(
            () -> {
              try {
                while (!cut && !accepts()) {
                  Thread.sleep(50);
                }
                synchronized (this) {
                  if (!cut) {
                    listen(port);
                  }
                }
              } catch (IOException | InterruptedException e) {
                // the relay stays closed, as the target is
              } finally {
                following = false;
              }
            },
            "tcp-proxy follows " + targetPort);
    t.setDaemon(true);
    t.start();
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Closes every relayed connection and stops listening: new connections are refused. */
  synchronized void cut() throws IOException {
    cut = true;
    server.close();
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  /** Listens again on the same port. */
  synchronized void restore() throws IOException {
    cut = false;
    listen(port);
  }

  private static void closeQuietly(java.io.Closeable s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
