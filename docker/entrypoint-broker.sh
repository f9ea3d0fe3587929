#!/usr/bin/env bash
# A standalone Artemis broker with the one acceptor Salvo needs, created at start by the same
# script the tests use (servers/src/main/scripts/artemis.sh), listening on all interfaces.
# SALVO_BROKER_USER/PASSWORD: the servers' user (the coordinator's), which may do anything.
# SALVO_BROKER_CLUSTERS: the clusters whose agents may join, as CLUSTER_ID=PASSWORD pairs separated
# by spaces; each cluster's agents join as salvo-agent-CLUSTER_ID, which may send results and
# heartbeats and read that cluster's assignments only.
# SALVO_BROKER_TLS=1: TLS only; the servers need /var/lib/salvo-broker/etc/truststore.p12 and its
# password (etc/truststore.password), mounted into theirs as SALVO_BROKER_TRUSTSTORE and
# SALVO_BROKER_TRUSTSTORE_PASSWORD.
set -euo pipefail
: "${SALVO_BROKER_PASSWORD:?set SALVO_BROKER_PASSWORD}"
export SALVO_BROKER_USER="${SALVO_BROKER_USER:-salvo-server}"
export ARTEMIS_HOME=/opt/artemis
/opt/salvo/artemis.sh create /var/lib/salvo-broker "${SALVO_BROKER_PORT:-61616}" 0.0.0.0
for pair in ${SALVO_BROKER_CLUSTERS:-}; do
  SALVO_CLUSTER_PASSWORD="${pair#*=}" /opt/salvo/artemis.sh add-cluster /var/lib/salvo-broker "${pair%%=*}"
done
exec /var/lib/salvo-broker/bin/artemis run
