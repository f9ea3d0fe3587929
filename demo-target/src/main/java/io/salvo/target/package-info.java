/**
 * A small HTTP/1.1 server that Salvo loads in its demo and its tests. It counts every response it
 * sends by status class, can stall all responses for a while, and serves canned statuses, delays
 * and body sizes.
 */
package io.salvo.target;
