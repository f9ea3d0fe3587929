/**
 * The {@code salvo} command: runs on this machine ({@code run}, {@code demo}), plan checks, the
 * demo target, and (with a coordinator) the REST API client.
 */
package io.salvo.cli;
