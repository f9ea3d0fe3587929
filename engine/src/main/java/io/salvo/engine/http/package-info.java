/**
 * The HTTP/1.1 hot path on Netty: requests encoded once per step and copied into pooled buffers, a
 * response parser that reads only the status line and the framing headers, and keep-alive
 * connection pools per origin and event loop.
 */
package io.salvo.engine.http;
