package io.salvo.coordinator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run keeps each node's group as it was at the start, so a later report names the same ones. */
class RunRecordTest {
  @Test
  void nodeGroupsRoundTripInSplitOrder() {
    RunRecord r = new RunRecord("r", null, "p", "YAML", "x", "c", null, 3, 1000, Instant.EPOCH);
    assertNull(r.nodeGroupMap(), "a run stored before groups were has none");
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put("b-agent", "g2");
    groups.put("a-agent", null);
    groups.put("coordinator", null);
    groups.put("c-agent", "g1");
    r.nodes = String.join(",", groups.keySet());
    r.nodeGroups = RunRecord.nodeGroups(groups);
    assertEquals("b-agent=g2,c-agent=g1", r.nodeGroups);
    assertEquals(groups, r.nodeGroupMap());
    assertEquals(
        java.util.List.of("b-agent", "a-agent", "coordinator", "c-agent"),
        java.util.List.copyOf(r.nodeGroupMap().keySet()));
  }
}
