package io.salvo.message;

/** Stop a run now: no new sessions; each agent then sends its final result. */
public record StopRun(int version, String clusterId, String nodeId, String runId, String reason)
    implements ClusterMessage {
  public static final String TYPE = "stop";

  @Override
  public String type() {
    return TYPE;
  }
}
