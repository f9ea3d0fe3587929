/**
 * Who may use the API: users with passwords, API tokens, and the roles they hold. The web module's
 * Jakarta Security mechanism asks {@link io.salvo.coordinator.access.AccessService} who a request's
 * credentials belong to; the resources say which role each call needs.
 */
package io.salvo.coordinator.access;
