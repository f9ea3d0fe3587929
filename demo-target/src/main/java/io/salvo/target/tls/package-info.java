/**
 * TLS material for the demo target: the PEM files a server is started with ({@link
 * io.salvo.target.tls.TlsFiles}) and a generator of a throw-away CA with server and client
 * certificates for tests and demos ({@link io.salvo.target.tls.Certificates}).
 */
package io.salvo.target.tls;
