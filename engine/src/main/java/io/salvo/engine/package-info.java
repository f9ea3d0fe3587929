/**
 * The load generator. {@link io.salvo.engine.LoadEngine} runs a node's part of a plan on Netty
 * event loops and reports what happened each second; latency is measured from each request's
 * intended start, never from when a connection happened to be free.
 */
package io.salvo.engine;
