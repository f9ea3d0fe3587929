#!/usr/bin/env bash
# Starts `salvo agent` from environment variables:
#   SALVO_BROKER_URL       the broker (default tcp://$SALVO_BROKER_HOST:$SALVO_BROKER_PORT, broker:61616)
#   SALVO_BROKER_USER      default salvo-agent-$SALVO_CLUSTER_ID
#   SALVO_BROKER_PASSWORD  the cluster's agents' broker password (read by salvo agent itself)
#   SALVO_CLUSTER_ID       default "default";  SALVO_AGENT_GROUP  optional
#   SALVO_AGENT_ID         default the container's host name (a replica's pod name)
#   SALVO_KEYS_DIR         the directory holding <cluster id>.key (optional: unsigned without it)
#   SALVO_ALLOWED_TARGETS  where load may go (default loopback)
#   SALVO_THREADS          event loops (default: cores);  JAVA_OPTS  JVM options
#   SALVO_PLAN_SCENARIOS   a jar of code scenarios (Salvo's SDK) that plans name in code: steps
set -euo pipefail
cluster="${SALVO_CLUSTER_ID:-default}"
args=(agent
  --broker "${SALVO_BROKER_URL:-tcp://${SALVO_BROKER_HOST:-broker}:${SALVO_BROKER_PORT:-61616}}"
  --cluster-id "$cluster"
  --broker-user "${SALVO_BROKER_USER:-salvo-agent-$cluster}"
  --id "${SALVO_AGENT_ID:-$(hostname)}"
  --allowed-targets "${SALVO_ALLOWED_TARGETS:-loopback}"
  --status-host 0.0.0.0 --status-port 8090)
[ -n "${SALVO_AGENT_GROUP:-}" ] && args+=(--group "$SALVO_AGENT_GROUP")
[ -n "${SALVO_KEYS_DIR:-}" ] && args+=(--keys-dir "$SALVO_KEYS_DIR")
[ -n "${SALVO_THREADS:-}" ] && args+=(--threads "$SALVO_THREADS")
[ -n "${SALVO_PLAN_SCENARIOS:-}" ] && args+=(--plan-scenarios "$SALVO_PLAN_SCENARIOS")
exec java ${JAVA_OPTS:-} -jar /opt/salvo/salvo.jar "${args[@]}"
