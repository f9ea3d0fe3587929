package io.salvo.message;

/**
 * The coordinator's answer to a heartbeat, for the agent's clock offset estimate (NTP's four
 * timestamps): the agent sent at {@code agentSentAt} (its clock), the coordinator received at
 * {@code receivedAt} and answered at {@code sentAt} (its clock), the agent receives at t4. Then
 * offset = ((receivedAt - agentSentAt) + (sentAt - t4)) / 2.
 */
public record ClockReply(
    int version,
    String clusterId,
    String nodeId,
    String agentId,
    long agentSentAt,
    long receivedAt,
    long sentAt)
    implements ClusterMessage {
  public static final String TYPE = "clock";

  @Override
  public String type() {
    return TYPE;
  }
}
