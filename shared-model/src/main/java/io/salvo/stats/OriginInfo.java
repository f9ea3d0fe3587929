package io.salvo.stats;

/**
 * How a node spoke to one origin, as its first connection negotiated it.
 *
 * @param origin {@code scheme://host:port}
 * @param protocol {@code h2}, {@code h2c} or {@code http/1.1}
 * @param tlsVersion {@code TLSv1.3}, {@code TLSv1.2}; null without TLS
 * @param cipher the TLS cipher suite; null without TLS
 * @param tlsProvider {@code openssl} or {@code jdk}; null without TLS
 * @param verified whether the server's certificate and name were verified; false without TLS
 */
public record OriginInfo(
    String origin,
    String protocol,
    String tlsVersion,
    String cipher,
    String tlsProvider,
    boolean verified) {}
