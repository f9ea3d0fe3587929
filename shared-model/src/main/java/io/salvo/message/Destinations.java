package io.salvo.message;

/**
 * Where messages go. Servers bind each destination under its JNDI name (a local destination on the
 * coordinator's embedded broker, an external one elsewhere); WildFly's connection factories give
 * them the Artemis addresses {@code jms.queue.<name>} and {@code jms.topic.<name>}.
 */
public final class Destinations {
  /**
   * Topics: assignments, stops and clock replies, one per cluster ({@link #assignments(String)}),
   * so that the broker can let each cluster's agents read their own cluster's only; agents filter
   * theirs by selector (group, agent).
   */
  public static final String ASSIGNMENTS = "salvo.assignments";

  /** Queue: interval and final results, persistent, merged idempotently by the coordinator. */
  public static final String RESULTS = "salvo.results";

  public static final String RESULTS_JNDI = "java:/jms/salvo/results";

  /** Queue: agents' announcements and heartbeats. */
  public static final String CONTROL = "salvo.control";

  public static final String CONTROL_JNDI = "java:/jms/salvo/control";

  /** JMS property: the cluster a message is for (on the control and results queues: from). */
  public static final String CLUSTER_ID = "clusterId";

  /** JMS property: the agent group a message is for; absent means any group. */
  public static final String AGENT_GROUP = "agentGroup";

  /**
   * JMS property: the one agent a message is for; absent means every agent the selector lets in.
   */
  public static final String AGENT_ID = "agentId";

  public static final String RUN_ID = "runId";

  /** JMS property: the message's {@code type}, so consumers can filter without parsing. */
  public static final String TYPE = "type";

  /**
   * The {@link #TYPE} of a coordinator's probe of its own path through the broker (on the control
   * queue; its body is the sending process's id).
   */
  public static final String PROBE = "probe";

  private Destinations() {}

  /**
   * The assignments topic of a cluster, {@code salvo.assignments.<clusterId>} (the Artemis address
   * {@code jms.topic.salvo.assignments.<clusterId>}). Cluster ids are checked against the plan name
   * alphabet, so they add no address wildcards.
   */
  public static String assignments(String clusterId) {
    return ASSIGNMENTS + "." + clusterId;
  }

  /**
   * The selector an agent consumes the assignments topic with: its cluster, its group (or messages
   * for any group) and itself (or messages for every agent). Names are checked against the plan
   * name alphabet, so they cannot break out of the quotes.
   */
  public static String agentSelector(String clusterId, String agentGroup, String agentId) {
    return CLUSTER_ID
        + " = '"
        + clusterId
        + "' AND ("
        + AGENT_GROUP
        + " IS NULL"
        + (agentGroup == null || agentGroup.isEmpty()
            ? ""
            : " OR " + AGENT_GROUP + " = '" + agentGroup + "'")
        + ") AND ("
        + AGENT_ID
        + " IS NULL OR "
        + AGENT_ID
        + " = '"
        + agentId
        + "')";
  }
}
