package io.salvo.coordinator.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run: its plan (a copy, so later edits do not change history), state, and outcome. */
@Entity
@Table(name = "salvo_run")
public class RunRecord {
  @Id
  @Column(length = 40)
  public String id;

  @Column(length = 40)
  public String planId;

  @Column(nullable = false, length = 64)
  public String planName;

  @Column(nullable = false, length = 8)
  public String planFormat;

  @Column(nullable = false, length = Integer.MAX_VALUE)
  public String planSource;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 24)
  public RunState state;

  /** PASSED or FAILED once thresholds were judged. */
  @Column(length = 8)
  public String verdict;

  @Column(length = 4000)
  public String message;

  @Column(nullable = false, length = 64)
  public String clusterId;

  @Column(length = 64)
  public String agentGroup;

  public int agentsCount;

  public long agentsTimeoutMillis;

  /** Participating nodes in split order, comma-separated. */
  @Column(length = Integer.MAX_VALUE)
  public String nodes;

  /**
   * Each participating agent's group when the run started, {@code node=group} comma-separated (a
   * node without a group has none): a report read after a restart names the same groups.
   */
  @Column(length = Integer.MAX_VALUE)
  public String nodeGroups;

  /** Nodes given up because they went silent, comma-separated, in the order they were lost. */
  @Column(length = 4000)
  public String lostNodes;

  public Long startAtMillis;

  public Double startSkewMs;

  public boolean degraded;

  /** Messages claiming to belong to this run that were refused (bad signature, replayed). */
  @Column(nullable = false, columnDefinition = "bigint default 0")
  public long rejectedMessages;

  @Column(nullable = false)
  public Instant createdAt;

  public Instant endedAt;

  protected RunRecord() {}

  public RunRecord(
      String id,
      String planId,
      String planName,
      String planFormat,
      String planSource,
      String clusterId,
      String agentGroup,
      int agentsCount,
      long agentsTimeoutMillis,
      Instant createdAt) {
    this.id = id;
    this.planId = planId;
    this.planName = planName;
    this.planFormat = planFormat;
    this.planSource = planSource;
    this.clusterId = clusterId;
    this.agentGroup = agentGroup;
    this.agentsCount = agentsCount;
    this.agentsTimeoutMillis = agentsTimeoutMillis;
    this.state = RunState.WAITING_FOR_AGENTS;
    this.createdAt = createdAt;
  }

  public List<String> nodeList() {
    return nodes == null || nodes.isEmpty() ? List.of() : Arrays.asList(nodes.split(","));
  }

  /** Each node's group as stored when the run started; null when the run predates the record. */
  public Map<String, String> nodeGroupMap() {
    if (nodeGroups == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String node : nodeList()) {
      out.put(node, null);
    }
    if (!nodeGroups.isEmpty()) {
      for (String pair : nodeGroups.split(",")) {
        int eq = pair.indexOf('=');
        out.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return out;
  }

  /** The stored form of {@link #nodeGroupMap()}: nodes without a group are left out. */
  public static String nodeGroups(Map<String, String> groups) {
    StringBuilder b = new StringBuilder();
    groups.forEach(
        (node, group) -> {
          if (group != null) {
            b.append(b.length() == 0 ? "" : ",").append(node).append('=').append(group);
          }
        });
    return b.toString();
  }

  public List<String> lostNodeList() {
    return lostNodes == null || lostNodes.isEmpty()
        ? List.of()
        : Arrays.asList(lostNodes.split(","));
  }
}
