/**
 * A cluster on this machine: a coordinator and agents as WildFly servers started from the build's
 * templates (port offsets), optionally a standalone Artemis broker; {@code salvo cluster up/down}
 * and the integration tests use it.
 */
package io.salvo.cli.cluster;
