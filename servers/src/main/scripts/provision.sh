#!/usr/bin/env bash
# Builds Salvo's server templates from the unpacked WildFly: configured offline with the CLI
# scripts in src/main/cli, the deployments copied in. Run by the build (servers/pom.xml):
#
#   provision.sh TARGET_DIR
#
# TARGET_DIR/dist holds the unpacked wildfly-* and apache-artemis-*; TARGET_DIR/deployables the
# EAR, the WAR and the PostgreSQL driver. Produces TARGET_DIR/servers/:
#   coordinator/             embedded broker, H2
#   coordinator-postgresql/  embedded broker, PostgreSQL
#   agent/                   to the coordinator's embedded broker (through its HTTP port)
#   agent-tls/               the same through its HTTPS port, over TLS
#   coordinator-standalone-broker/, coordinator-postgresql-standalone-broker/,
#   agent-standalone-broker/ the same against a standalone Artemis broker
#   broker.properties        the servers' user and password on a standalone broker
#   wildfly.home, artemis.home
set -euo pipefail
target="$(cd "$1" && pwd)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$here/cli"
wildfly="$(ls -d "$target"/dist/wildfly-*/ | head -1)"; wildfly="${wildfly%/}"
artemis="$(ls -d "$target"/dist/apache-artemis-*/ | head -1)"; artemis="${artemis%/}"
servers="$target/servers"
deployables="$target/deployables"

# The PostgreSQL driver as a module of the WildFly home that every template shares.
pg_jar="$deployables/postgresql.jar"
pg_module="$wildfly/modules/org/postgresql/main"
mkdir -p "$pg_module"
cp "$pg_jar" "$pg_module/postgresql.jar"
cat > "$pg_module/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
  <resources><resource-root path="postgresql.jar"/></resources>
  <dependencies>
    <module name="java.sql"/><module name="java.naming"/><module name="java.logging"/>
    <module name="java.management"/><module name="java.security.jgss"/><module name="jakarta.transaction.api"/>
  </dependencies>
</module>
XML

rm -rf "$servers"
mkdir -p "$servers"

# The servers' credentials on a standalone broker: generated once per build.
password="salvo-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
(umask 077; printf 'salvo.broker.user=salvo-server\nsalvo.broker.password=%s\n' "$password" \
  > "$servers/broker.properties")

configure() { # name base-template script...
  local name="$1"; shift
  cp -r "$wildfly/standalone" "$servers/$name"
  for script in "$@"; do
    "$wildfly/bin/jboss-cli.sh" -Djboss.server.base.dir="$servers/$name" --file="$cli/$script" >/dev/null
  done
  # standalone.sh's defaults plus room for the engine's buffers; SALVO_SERVER_OPTS adds more.
  rm -rf "$servers/$name/data" "$servers/$name/log" "$servers/$name/tmp"
}

configure coordinator coordinator.cli
configure coordinator-postgresql coordinator.cli postgresql.cli
configure agent agent.cli
configure agent-tls agent.cli agent-tls.cli
for name in coordinator coordinator-postgresql agent; do
  cp -r "$servers/$name" "$servers/$name-standalone-broker"
  "$wildfly/bin/jboss-cli.sh" -Djboss.server.base.dir="$servers/$name-standalone-broker" \
    --file="$cli/standalone-broker.cli" >/dev/null
done

# The embedded broker's users are each cluster's agents, added per cluster where the coordinator
# is set up (salvo cluster up); the templates hold none.
for name in coordinator coordinator-postgresql coordinator-standalone-broker coordinator-postgresql-standalone-broker; do
  cp "$deployables"/salvo-coordinator.ear "$servers/$name/deployments/"
done
for name in agent agent-tls agent-standalone-broker; do
  cp "$deployables"/salvo-agent.war "$servers/$name/deployments/"
done

echo "$wildfly" > "$servers/wildfly.home"
echo "$artemis" > "$servers/artemis.home"
echo "provisioned $(ls "$servers" | tr '\n' ' ')"
