package io.salvo.message;

/**
 * An agent is alive: sent when it starts ({@code announce} true) and every second after. It carries
 * everything the coordinator's registry needs, so a coordinator that restarts learns its agents
 * back from the next heartbeats.
 *
 * @param capacity relative weight of this agent (1 by default); reserved for weighted splits
 * @param state IDLE or RUNNING
 * @param runId the run it is working on, or null
 * @param sentAtMillis the agent's wall clock when sending; the coordinator's clock reply uses it
 * @param statusUrl where the agent's status resource answers over HTTP, or null: the coordinator's
 *     second path to an agent it no longer hears through the broker
 * @param clockOffsetMs the agent's estimate of (coordinator clock - its clock) from the clock
 *     replies, or null before its first reply (and from agents that do not send it)
 */
public record AgentHeartbeat(
    int version,
    String clusterId,
    String nodeId,
    String agentGroup,
    int capacity,
    String salvoVersion,
    boolean announce,
    String state,
    String runId,
    long sentAtMillis,
    String statusUrl,
    Double clockOffsetMs)
    implements ClusterMessage {
  public static final String TYPE = "heartbeat";

  @Override
  public String type() {
    return TYPE;
  }
}
