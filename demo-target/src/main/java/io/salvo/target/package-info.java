/**
 * A small HTTP server that Salvo loads in its demo and its tests. It speaks HTTP/1.1 and HTTP/2, in
 * cleartext or over TLS (optionally requiring client certificates), counts every response it sends
 * by status class and protocol, can stall all responses for a while, serves canned statuses, delays
 * and body sizes, and a small logged-in shop API under {@code /api/}.
 */
package io.salvo.target;
