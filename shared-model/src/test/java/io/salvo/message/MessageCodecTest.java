package io.salvo.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salvo.stats.OriginInfo;
import io.salvo.stats.ScenarioStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private static ScenarioSnapshot snapshot() {
    ScenarioStats s = new ScenarioStats("browse", List.of("GET /"));
    s.step("GET /").recordResponse(1_500_000, 200, true, 120);
    s.step("GET /").recordResponse(3_000_000, 503, false, 120);
    s.countSessions(2, 0, 0);
    s.measured(1_000_000_000L);
    return ScenarioSnapshot.of(s);
  }

  @Test
  void everyMessageRoundTripsAndCarriesTypeVersionClusterAndNode() throws Exception {
    List<ClusterMessage> all =
        List.of(
            new AgentHeartbeat(
                1, "c1", "a1", "g1", 1, "0.1.0", true, "IDLE", null, 5, "http://h:8080/s", null),
            new ClockReply(1, "c1", "coordinator", "a1", 1, 2, 3),
            new Assignment(
                1,
                "c1",
                "coordinator",
                "r1",
                null,
                "plan",
                "YAML",
                List.of("a1", "a2"),
                List.of(new Assignment.ScenarioAssignment("browse", "split")),
                99),
            new StopRun(1, "c1", "coordinator", "r1", "user"),
            new IntervalResult(1, "c1", "a1", "r1", 3, List.of(snapshot())),
            new FinalResult(
                1,
                "c1",
                "a1",
                "r1",
                List.of(snapshot()),
                100,
                0.5,
                -1.5,
                10,
                false,
                null,
                List.of(
                    new OriginInfo(
                        "https://127.0.0.1:8443",
                        "h2",
                        "TLSv1.3",
                        "TLS_AES_128_GCM_SHA256",
                        "openssl",
                        true)),
                2));
    ObjectMapper json = new ObjectMapper();
    for (ClusterMessage m : all) {
      String text = MessageCodec.encode(m);
      assertEquals(m, MessageCodec.decode(text));
      JsonNode tree = json.readTree(text);
      assertEquals(m.type(), tree.get("type").asText());
      assertEquals(1, tree.get("version").asInt());
      assertEquals("c1", tree.get("clusterId").asText());
      assertTrue(tree.has("nodeId"));
    }
    IntervalResult r = (IntervalResult) all.get(4);
    assertEquals(2, r.scenarios().get(0).toStats().total().requests());
    assertEquals(1, r.scenarios().get(0).toStats().total().status(5));
  }

  @Test
  void aFinalResultWithoutDroppedIntervalsReadsAsNoneDropped() throws Exception {
    FinalResult f =
        MessageCodec.decode(
            "{\"type\":\"final\",\"version\":1,\"clusterId\":\"c1\",\"nodeId\":\"a1\","
                + "\"runId\":\"r1\",\"scenarios\":[],\"startedAtMillis\":1,\"intervals\":3}",
            FinalResult.class);
    assertEquals(0, f.droppedIntervals());
    assertEquals(3, f.intervals());
  }

  @Test
  void theWireFormatStaysReadable() throws Exception {
    // A golden interval result, as an agent of this version writes it.
    String golden = Files.readString(Path.of("src/test/resources/messages/interval.json"));
    IntervalResult r = MessageCodec.decode(golden, IntervalResult.class);
    assertEquals("agent-1", r.nodeId());
    assertEquals(4, r.second());
    ScenarioStats s = r.scenarios().get(0).toStats();
    assertEquals(2, s.total().requests());
    assertEquals(3.0, s.total().latency().max(), 0.01);
  }

  @Test
  void poisonIsRefusedWithAReason() {
    assertThrows(IllegalArgumentException.class, () -> MessageCodec.decode("not json"));
    assertThrows(
        IllegalArgumentException.class, () -> MessageCodec.decode("{\"type\": \"nonsense\"}"));
    String future = MessageCodec.encode(new StopRun(2, "c", "n", "r", "x"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.decode(future));
    assertEquals("message version 2 is not 1", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MessageCodec.decode(
                MessageCodec.encode(new StopRun(1, "c", "n", "r", "x")), IntervalResult.class));
  }

  @Test
  void selectorsAreBuiltFromSafeNames() {
    assertEquals(
        "clusterId = 'c1' AND (agentGroup IS NULL OR agentGroup = 'g1') AND (agentId IS NULL OR agentId = 'a1')",
        Destinations.agentSelector("c1", "g1", "a1"));
    assertEquals(
        "clusterId = 'c1' AND (agentGroup IS NULL) AND (agentId IS NULL OR agentId = 'a1')",
        Destinations.agentSelector("c1", null, "a1"));
  }
}
