package io.salvo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.message.AgentHeartbeat;
import io.salvo.message.ClusterMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AgentDirectoryTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final AgentDirectory d = new AgentDirectory(now::get);

  private boolean beat(String id, String cluster, String group, String state, boolean announce) {
    return d.heartbeat(
        new AgentHeartbeat(
            ClusterMessage.VERSION,
            cluster,
            id,
            group,
            1,
            "0.1.0",
            announce,
            state,
            null,
            now.get(),
            "http://127.0.0.1:8080/agent/api/status",
            null));
  }

  @Test
  void agentsAreAvailableByClusterAndGroupSortedById() {
    beat("b", "c1", "g1", "IDLE", true);
    beat("a", "c1", "g2", "IDLE", true);
    beat("c", "c2", null, "IDLE", true);
    beat("d", "c1", "g1", "RUNNING", true);
    assertEquals(List.of("a", "b"), d.available("c1", null));
    assertEquals(List.of("b"), d.available("c1", "g1"));
    assertEquals(List.of("c"), d.available("c2", null));
    assertEquals(List.of("a", "b", "d (busy)"), d.joined("c1", null));
  }

  @Test
  void silentAgentsAreLostAfterThreeSecondsAndForgottenLater() {
    beat("a", "c1", null, "IDLE", true);
    now.addAndGet(2_900);
    assertEquals("IDLE", d.get("a").status(now.get()));
    now.addAndGet(200);
    assertEquals("LOST", d.get("a").status(now.get()));
    assertEquals(List.of(), d.available("c1", null));
    assertEquals(List.of(), d.joined("c1", null));
    now.addAndGet(AgentDirectory.FORGET_AFTER_MILLIS);
    beat("b", "c1", null, "IDLE", true);
    assertEquals(List.of("b"), d.all().stream().map(AgentDirectory.Agent::id).toList());
  }

  @Test
  void clockRepliesGoToTheFirstFiveHeartbeatsThenOneInThirty() {
    int replies = 0;
    for (int i = 0; i < 60; i++) {
      if (beat("a", "c1", null, "IDLE", i == 0)) {
        replies++;
      }
    }
    assertEquals(5 + 2, replies);
    assertTrue(beat("a", "c1", null, "IDLE", true), "a restarted agent announces again");
  }

  @Test
  void anyMessageFromAnAgentKeepsItAlive() {
    beat("a", "c1", null, "IDLE", true);
    now.addAndGet(2_500);
    d.touch("a");
    d.touch("unknown");
    now.addAndGet(2_500);
    assertEquals("IDLE", d.get("a").status(now.get()));
    assertEquals(1, d.all().size());
  }
}
