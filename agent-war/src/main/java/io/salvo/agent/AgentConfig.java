package io.salvo.agent;

/**
 * Who this agent is, from system properties: {@code salvo.agentId} (default: the server's node
 * name), {@code salvo.clusterId} (default {@code default}), {@code salvo.agentGroup} (optional),
 * {@code salvo.capacity} (default 1), {@code salvo.threads} (event loops; default: cores).
 */
record AgentConfig(String agentId, String clusterId, String agentGroup, int capacity, int threads) {
  static AgentConfig fromSystemProperties() {
    String id = System.getProperty("salvo.agentId", System.getProperty("jboss.node.name", "agent"));
    String group = System.getProperty("salvo.agentGroup", "");
    return new AgentConfig(
        id,
        System.getProperty("salvo.clusterId", "default"),
        group.isBlank() ? null : group,
        Integer.getInteger("salvo.capacity", 1),
        Integer.getInteger("salvo.threads", Runtime.getRuntime().availableProcessors()));
  }
}
