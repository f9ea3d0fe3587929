package io.salvo.agent;

import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.node.AgentCore;

/**
 * Who this agent is, from system properties: {@code salvo.agentId} (default: the server's node
 * name), {@code salvo.clusterId} (default {@code default}), {@code salvo.agentGroup} (optional),
 * {@code salvo.capacity} (default 1), {@code salvo.threads} (event loops; default: cores), {@code
 * salvo.statusUrl} (where the coordinator can reach this agent's status resource; default: the
 * server's bind address, {@code jboss.bind.address}, or this host's address when the server listens
 * on every address, and its HTTP port, {@code jboss.http.port} plus {@code
 * jboss.socket.binding.port-offset}), {@code salvo.allowedTargets} (where this agent lets load go,
 * checked again on every assignment; default {@link TargetAllowList#DEFAULT}, this machine only).
 * An invalid allow-list stops the deployment with a message naming the entry.
 */
final class AgentConfig {
  private AgentConfig() {}

  static AgentCore.Identity fromSystemProperties() {
    String id = System.getProperty("salvo.agentId", System.getProperty("jboss.node.name", "agent"));
    String group = System.getProperty("salvo.agentGroup", "");
    return new AgentCore.Identity(
        id,
        System.getProperty("salvo.clusterId", "default"),
        group.isBlank() ? null : group,
        Integer.getInteger("salvo.capacity", 1),
        Integer.getInteger("salvo.threads", Runtime.getRuntime().availableProcessors()),
        System.getProperty("salvo.statusUrl", defaultStatusUrl()),
        TargetAllowList.parse(System.getProperty("salvo.allowedTargets")));
  }

  /** The status resource on the address and port the server's HTTP listener uses. */
  private static String defaultStatusUrl() {
    // WildFly's public interface is 127.0.0.1 unless the server was started with -b.
    String host = System.getProperty("jboss.bind.address", "127.0.0.1");
    if (host.equals("0.0.0.0") || host.equals("::")) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostAddress();
      } catch (java.net.UnknownHostException e) {
        return null;
      }
    }
    int port =
        Integer.getInteger("jboss.http.port", 8080)
            + Integer.getInteger("jboss.socket.binding.port-offset", 0);
    return "http://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "/agent/api/status";
  }
}
