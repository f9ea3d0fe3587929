/**
 * What a virtual user's session carries from one request to the next: variables filled by feeders
 * and extractors, templates compiled once and rendered into request buffers, and a cookie jar.
 */
package io.salvo.engine.session;
