#!/usr/bin/env bash
# A standalone Artemis broker for Salvo, from the distribution the build unpacked, with only the
# one acceptor Salvo needs (core protocol; its defaults would also open 5672 and 1883).
#
#   artemis.sh create DIR [PORT (61616)] [HOST (127.0.0.1)]   make a broker instance in DIR
#   artemis.sh start DIR                                      run it in the background
#   artemis.sh stop DIR                                       stop it
#   artemis.sh add-cluster DIR CLUSTER_ID                     let that cluster's agents in
#
# create makes the servers' user (the coordinator's; servers/target/servers/broker.properties, or
# SALVO_BROKER_USER / SALVO_BROKER_PASSWORD), in the role salvo-server, which may do anything.
# add-cluster adds the user salvo-agent-CLUSTER_ID, its password from SALVO_CLUSTER_PASSWORD (never
# an argument), in the roles salvo-agent (may send to salvo.results and salvo.control, and create
# them when the coordinator has not yet, nothing
# else) and salvo-agent-CLUSTER_ID (may read the topic salvo.assignments.CLUSTER_ID, nothing else);
# a running broker picks it up within seconds (it rereads its users and broker.xml). No other
# user may do anything. ARTEMIS_HOME overrides the unpacked distribution.
# SALVO_BROKER_TLS=1 makes the acceptor speak TLS only, with a key made here (EC, for HOST, 127.0.0.1
# and localhost, 825 days); clients trust DIR/etc/truststore.p12, whose password is in
# DIR/etc/truststore.password (both readable by the owner only).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
servers="$here/target/servers"
cmd="${1:?usage: artemis.sh create|start|stop DIR [PORT] [HOST]}"
dir="${2:?usage: artemis.sh create|start|stop DIR [PORT] [HOST]}"
home="${ARTEMIS_HOME:-$(cat "$servers/artemis.home" 2>/dev/null || true)}"

prop() { sed -n "s/^$1=//p" "$servers/broker.properties" 2>/dev/null; }

case "$cmd" in
  create)
    port="${3:-61616}"
    host="${4:-127.0.0.1}"
    user="${SALVO_BROKER_USER:-$(prop salvo.broker.user)}"
    password="${SALVO_BROKER_PASSWORD:-$(prop salvo.broker.password)}"
    [ -n "$home" ] && [ -x "$home/bin/artemis" ] || { echo "no Artemis distribution; run mvn -pl servers -am package" >&2; exit 2; }
    [ -n "$password" ] || { echo "no broker password: set SALVO_BROKER_PASSWORD" >&2; exit 2; }
    # artemis create takes a password only as an argument (visible in ps): it gets a throwaway
    # one, and the real one goes into the owner-only users file below.
    throwaway="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    "$home/bin/artemis" create --silent --force --require-login --user "$user" --password "$throwaway" \
      --role amq --host "$host" --default-port "$port" --no-web \
      --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
      --no-autotune "$dir" >/dev/null
    # One port, one protocol: Salvo's servers speak Artemis core.
    sed -i 's/protocols=CORE,AMQP,STOMP,HORNETQ,MQTT,OPENWIRE/protocols=CORE/' "$dir/etc/broker.xml"
    # Who may do what: the servers' user anything; agents what add-cluster grants them.
    all="createNonDurableQueue deleteNonDurableQueue createDurableQueue deleteDurableQueue createAddress deleteAddress consume browse send manage"
    settings="<security-settings>"
    settings+="<security-setting match=\"#\">"
    for t in $all; do settings+="<permission type=\"$t\" roles=\"salvo-server\"/>"; done
    settings+="</security-setting>"
    for q in jms.queue.salvo.results jms.queue.salvo.control; do
      settings+="<security-setting match=\"$q\">"
      for t in $all; do
        # Agents send; they may also create the queue when they are up before the coordinator.
        r=salvo-server
        case "$t" in send|createAddress|createDurableQueue) r="salvo-server,salvo-agent";; esac
        settings+="<permission type=\"$t\" roles=\"$r\"/>"
      done
      settings+="</security-setting>"
    done
    settings+="<!-- salvo clusters --></security-settings>"
    awk -v settings="$settings" '
      /<security-settings>/ { print settings; skip = 1; done = 1 }
      !skip { print }
      /<\/security-settings>/ { skip = 0 }
      END { if (!done) exit 1 }' "$dir/etc/broker.xml" > "$dir/etc/broker.xml.new" \
      || { echo "no security-settings in $dir/etc/broker.xml" >&2; exit 1; }
    mv "$dir/etc/broker.xml.new" "$dir/etc/broker.xml"
    (umask 077
      grep -v "^$user *=" "$dir/etc/artemis-users.properties" > "$dir/etc/artemis-users.properties.new"
      printf '\n%s = %s\n' "$user" "$password" >> "$dir/etc/artemis-users.properties.new")
    mv "$dir/etc/artemis-users.properties.new" "$dir/etc/artemis-users.properties"
    printf '\nsalvo-server = %s\n' "$user" > "$dir/etc/artemis-roles.properties.new"
    grep -v '^amq *=' "$dir/etc/artemis-roles.properties" >> "$dir/etc/artemis-roles.properties.new"
    mv "$dir/etc/artemis-roles.properties.new" "$dir/etc/artemis-roles.properties"
    chmod 600 "$dir/etc/artemis-users.properties" "$dir/etc/artemis-roles.properties"
    if [ "${SALVO_BROKER_TLS:-0}" = 1 ]; then
      keytool="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"
      etc="$dir/etc"
      chmod 700 "$etc"
      (umask 077
        od -An -N18 -tx1 /dev/urandom | tr -d ' \n' > "$etc/keystore.password"
        od -An -N18 -tx1 /dev/urandom | tr -d ' \n' > "$etc/truststore.password")
      san="ip:127.0.0.1,dns:localhost"
      if [[ "$host" =~ ^[0-9.]+$ ]]; then
        [ "$host" != 127.0.0.1 ] && [ "$host" != 0.0.0.0 ] && san="$san,ip:$host"
      else
        san="$san,dns:$host"
      fi
      # Passwords go to keytool in files, not on its command line.
      "$keytool" -genkeypair -alias broker -keyalg EC -groupname secp256r1 -dname "CN=Salvo broker" \
        -ext "SAN=$san" -validity 825 -storetype PKCS12 -keystore "$etc/broker.p12" \
        -storepass:file "$etc/keystore.password" -keypass:file "$etc/keystore.password" 2>/dev/null
      "$keytool" -exportcert -rfc -alias broker -keystore "$etc/broker.p12" \
        -storepass:file "$etc/keystore.password" -file "$etc/broker.pem" 2>/dev/null
      "$keytool" -importcert -noprompt -alias broker -file "$etc/broker.pem" -storetype PKCS12 \
        -keystore "$etc/truststore.p12" -storepass:file "$etc/truststore.password" 2>/dev/null
      ks_pass="$(cat "$etc/keystore.password")"
      sed -i "s#\(<acceptor name=\"artemis\">tcp://[^?]*?\)#\1sslEnabled=true;keyStorePath=$etc/broker.p12;keyStoreType=PKCS12;keyStorePassword=$ks_pass;#" \
        "$etc/broker.xml"
      grep -q 'sslEnabled=true' "$etc/broker.xml" || { echo "could not enable TLS in $etc/broker.xml" >&2; exit 1; }
      chmod 600 "$etc/broker.xml" "$etc/broker.p12"
    fi
    echo "broker instance in $dir, listening on $host:$port once started"
    ;;
  start)
    nohup "$dir/bin/artemis" run > "$dir/log/console.log" 2>&1 &
    echo $! > "$dir/broker.pid"
    for _ in $(seq 120); do
      grep -q "AMQ221007" "$dir/log/artemis.log" 2>/dev/null && { echo "broker started (pid $(cat "$dir/broker.pid"))"; exit 0; }
      kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null || { echo "broker exited; see $dir/log" >&2; exit 1; }
      sleep 0.5
    done
    echo "broker did not start within 60 s; see $dir/log" >&2
    exit 1
    ;;
  add-cluster)
    id="${3:?usage: artemis.sh add-cluster DIR CLUSTER_ID}"
    [[ "$id" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$ ]] || { echo "not a cluster id: $id" >&2; exit 2; }
    : "${SALVO_CLUSTER_PASSWORD:?set SALVO_CLUSTER_PASSWORD to the cluster's agents' broker password}"
    etc="$dir/etc"
    user="salvo-agent-$id"
    grep -q "^$user *=" "$etc/artemis-users.properties" && { echo "$user exists in $etc" >&2; exit 0; }
    # In the users file, readable by the broker's user only (Artemis takes clear text there).
    printf '\n%s = %s\n' "$user" "$SALVO_CLUSTER_PASSWORD" >> "$etc/artemis-users.properties"
    if grep -q '^salvo-agent *=' "$etc/artemis-roles.properties"; then
      sed -i "s/^salvo-agent *= *\(.*\)$/salvo-agent = \1,$user/" "$etc/artemis-roles.properties"
    else
      printf 'salvo-agent = %s\n' "$user" >> "$etc/artemis-roles.properties"
    fi
    printf '%s = %s\n' "$user" "$user" >> "$etc/artemis-roles.properties"
    topic="jms.topic.salvo.assignments.$id"
    setting="<security-setting match=\"$topic\">"
    for t in createNonDurableQueue deleteNonDurableQueue consume createAddress; do
      setting+="<permission type=\"$t\" roles=\"salvo-server,$user\"/>"
    done
    for t in createDurableQueue deleteDurableQueue deleteAddress browse send manage; do
      setting+="<permission type=\"$t\" roles=\"salvo-server\"/>"
    done
    setting+="</security-setting><!-- salvo clusters -->"
    sed -i "s#<!-- salvo clusters -->#$setting#" "$etc/broker.xml"
    grep -q "match=\"$topic\"" "$etc/broker.xml" || { echo "could not add $topic to $etc/broker.xml" >&2; exit 1; }
    echo "cluster $id: user $user may read $topic"
    ;;
  stop)
    [ -f "$dir/broker.pid" ] && kill "$(cat "$dir/broker.pid")" 2>/dev/null || true
    rm -f "$dir/broker.pid"
    ;;
  *)
    echo "usage: artemis.sh create|start|stop|add-cluster DIR [PORT] [HOST] | [CLUSTER_ID]" >&2
    exit 2
    ;;
esac
