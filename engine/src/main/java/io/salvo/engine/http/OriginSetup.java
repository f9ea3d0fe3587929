package io.salvo.engine.http;

import io.netty.handler.ssl.SslContext;
import io.salvo.plan.HttpProtocol;
import java.net.SocketAddress;

/**
 * How connections to one origin are opened: where, with which TLS context (null for {@code
 * http://}), which HTTP version, and how many streams an HTTP/2 connection may carry.
 *
 * @param origin {@code scheme://host:port}
 * @param host the host name, for SNI and certificate verification
 * @param protocol the HTTP version asked for: {@code auto} (ALPN decides over TLS), 1.1 or 2
 * @param tlsProvider {@code openssl} or {@code jdk}; null without TLS
 * @param verified whether the server's certificate and name are verified
 * @param profile what the connections learn, shared by every pool of this origin on the node
 */
public record OriginSetup(
    String origin,
    String host,
    int port,
    SocketAddress address,
    SslContext sslContext,
    HttpProtocol protocol,
    int maxStreams,
    long connectTimeoutMillis,
    String tlsProvider,
    boolean verified,
    boolean clientCertificate,
    OriginProfile profile) {

  public boolean tls() {
    return sslContext != null;
  }
}
