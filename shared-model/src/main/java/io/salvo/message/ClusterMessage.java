package io.salvo.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every message between coordinator and agents carries its {@code type} (written by the codec), the
 * contract {@code version}, the {@code clusterId} and the sender's {@code nodeId}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AgentHeartbeat.class, name = AgentHeartbeat.TYPE),
  @JsonSubTypes.Type(value = ClockReply.class, name = ClockReply.TYPE),
  @JsonSubTypes.Type(value = Assignment.class, name = Assignment.TYPE),
  @JsonSubTypes.Type(value = StopRun.class, name = StopRun.TYPE),
  @JsonSubTypes.Type(value = IntervalResult.class, name = IntervalResult.TYPE),
  @JsonSubTypes.Type(value = FinalResult.class, name = FinalResult.TYPE)
})
public sealed interface ClusterMessage
    permits AgentHeartbeat, ClockReply, Assignment, StopRun, IntervalResult, FinalResult {
  /** The contract version this code writes; readers refuse messages of another major version. */
  int VERSION = 1;

  int version();

  String clusterId();

  String nodeId();

  /** The {@code type} this message travels as. */
  String type();
}
