#!/usr/bin/env bash
# Starts a Salvo server (coordinator or agent) in a container from the template the build
# provisioned (servers/target/servers/*), the way LocalCluster starts it on one machine.
# Everything comes from the environment:
#   SALVO_ROLE                coordinator | agent
#   SALVO_BROKER_HOST/PORT    the standalone Artemis broker (default broker:61616)
#   SALVO_BROKER_USER/PASSWORD
#   SALVO_DB_URL/USER/PASSWORD  the coordinator's PostgreSQL
#   SALVO_CLUSTER_ID, SALVO_AGENT_GROUP, SALVO_AGENT_ID (default: the host name), SALVO_THREADS
#   SALVO_ALLOWED_TARGETS     where runs may send load (default loopback: this container only)
#   SALVO_STATUS_URL          where the coordinator reaches the agent's status resource
#                             (default: http://<the container's address>:8080/agent/api/status)
#   SALVO_KEYS_DIR            a mounted directory of cluster signing keys, <clusterId>.key,
#                             readable by the server's user only; unset: messages go unsigned
#   SALVO_AUTH_PLAIN_HTTP     loopback (default) or any: whether credentials are taken over plain
#                             HTTP from other machines (salvo.auth.plainHttp)
#   SALVO_ADMIN_TOKEN_FILE    the coordinator's admin API token, a mounted file readable by the
#                             server's user only (salvo.auth.adminTokenFile)
#   SALVO_BROKER_TRUSTSTORE   a broker that speaks TLS: its trust store (PKCS12), and
#   SALVO_BROKER_TRUSTSTORE_PASSWORD  that store's password
#   SALVO_DATA                the server directory (default /opt/salvo/data)
set -euo pipefail
: "${SALVO_ROLE:?set SALVO_ROLE to coordinator or agent}"
: "${SALVO_BROKER_PASSWORD:?set SALVO_BROKER_PASSWORD}"
base="${SALVO_DATA:-/opt/salvo/data}"
rm -rf "$base" && cp -r "/opt/salvo/templates/$SALVO_ROLE" "$base"
# Passwords go to the server in a file only its user reads (-P), never on its command line.
secrets="$base/salvo-secrets.properties"
prop() { printf '%s=%s\n' "$1" "$(printf '%s' "$2" | sed 's/\\/\\\\/g')"; }
(umask 077; prop salvo.broker.password "$SALVO_BROKER_PASSWORD" > "$secrets")
args=(
  -c standalone-full.xml -b 0.0.0.0 -bmanagement 127.0.0.1
  -Djboss.server.base.dir="$base"
  -Djboss.node.name="${HOSTNAME:0:23}" -Djboss.tx.node.id="${HOSTNAME:0:23}"
  -Dsalvo.broker.host="${SALVO_BROKER_HOST:-broker}"
  -Dsalvo.broker.port="${SALVO_BROKER_PORT:-61616}"
  -Dsalvo.broker.user="${SALVO_BROKER_USER:-$([ "$SALVO_ROLE" = coordinator ] && echo salvo-server || echo "salvo-agent-${SALVO_CLUSTER_ID:-default}")}"
  -P "$secrets"
  -Dsalvo.allowedTargets="${SALVO_ALLOWED_TARGETS:-loopback}"
)
if [ -n "${SALVO_BROKER_TRUSTSTORE:-}" ]; then
  args+=(-Dsalvo.broker.ssl=true -Dsalvo.broker.trustStore="$SALVO_BROKER_TRUSTSTORE")
  prop salvo.broker.trustStorePassword "${SALVO_BROKER_TRUSTSTORE_PASSWORD:?set it too}" >> "$secrets"
fi
if [ -n "${SALVO_KEYS_DIR:-}" ]; then
  args+=(-Dsalvo.keysDir="$SALVO_KEYS_DIR")
fi
if [ "$SALVO_ROLE" = coordinator ]; then
  args+=(
    -Dsalvo.db.url="${SALVO_DB_URL:?set SALVO_DB_URL, such as jdbc:postgresql://postgres:5432/salvo}"
    -Dsalvo.db.user="${SALVO_DB_USER:-salvo}"
  )
  prop salvo.db.password "${SALVO_DB_PASSWORD:?set SALVO_DB_PASSWORD}" >> "$secrets"
  args+=(-Dsalvo.auth.plainHttp="${SALVO_AUTH_PLAIN_HTTP:-loopback}")
  if [ -n "${SALVO_ADMIN_TOKEN_FILE:-}" ]; then
    args+=(-Dsalvo.auth.adminTokenFile="$SALVO_ADMIN_TOKEN_FILE")
  fi
else
  args+=(
    -Dsalvo.agentId="${SALVO_AGENT_ID:-$HOSTNAME}"
    -Dsalvo.clusterId="${SALVO_CLUSTER_ID:-default}"
    -Dsalvo.agentGroup="${SALVO_AGENT_GROUP:-}"
    -Dsalvo.threads="${SALVO_THREADS:-$(nproc)}"
  )
  if [ -n "${SALVO_STATUS_URL:-}" ]; then
    args+=(-Dsalvo.statusUrl="$SALVO_STATUS_URL")
  fi
fi
# Further arguments go to standalone.sh (-Djboss.socket.binding.port-offset=..., say).
exec /opt/wildfly/bin/standalone.sh "${args[@]}" "$@"
