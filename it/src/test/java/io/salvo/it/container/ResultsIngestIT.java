package io.salvo.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salvo.coordinator.report.ReportService;
import io.salvo.coordinator.run.LiveRuns;
import io.salvo.coordinator.store.RunPlans;
import io.salvo.coordinator.store.RunRecord;
import io.salvo.coordinator.store.RunState;
import io.salvo.coordinator.store.RunStore;
import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.MessageCodec;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.report.Report;
import io.salvo.stats.ScenarioStats;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The results MDB with JPA in WildFly: results sent to the queue are stored once per (run, node,
 * scenario, second) however often they are delivered, merged, and the run is finished and its
 * merged report stored when the last node's final result arrives.
 */
@ExtendWith(ArquillianExtension.class)
class ResultsIngestIT {
  private static final String PLAN =
      "target: {baseUrl: \"http://127.0.0.1:9\"}\n"
          + "scenarios:\n"
          + "  - name: s\n"
          + "    steps: [{request: {path: /}}]\n"
          + "    load: [{constantRate: {rate: 10, duration: 2s}}]\n";

  /**
   * The coordinator's own node: its results take the same queue as agents', and the loss monitor
   * leaves it alone (an agent that never heartbeats would be lost and fail the run).
   */
  private static final String NODE = io.salvo.coordinator.CoordinatorNode.ID;

  @Deployment
  static EnterpriseArchive deployment() {
    return Deployments.coordinatorEar(ResultsIngestIT.class, Deployments.class);
  }

  @Inject JMSContext jms;

  @Resource(lookup = Destinations.RESULTS_JNDI)
  Queue results;

  @EJB RunStore store;

  @EJB LiveRuns live;

  @EJB ReportService reports;

  private static ScenarioSnapshot second(int requests, long latencyMicros) {
    ScenarioStats s = new ScenarioStats("s", List.of("GET /"));
    for (int i = 0; i < requests; i++) {
      s.step("GET /").recordResponse(latencyMicros * 1000, 200, true, 10);
    }
    s.countSessions(requests, 0, 0);
    return ScenarioSnapshot.of(s);
  }

  private void send(ClusterMessage m) {
    jms.createProducer().send(results, MessageCodec.encode(m));
  }

  @Test
  void resultsAreStoredOnceMergedAndTheRunFinished() throws Exception {
    String id = "t" + UUID.randomUUID().toString().substring(0, 8);
    RunRecord r = new RunRecord(id, null, "t", "YAML", PLAN, "c", null, 1, 1000, Instant.now());
    store.add(r);
    long startAt = System.currentTimeMillis();
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put(NODE, null);
    store.started(id, groups, startAt);
    live.open(id, RunPlans.effective(store.run(id)), new LinkedHashSet<>(List.of(NODE)), startAt);

    IntervalResult first =
        new IntervalResult(ClusterMessage.VERSION, "c", NODE, id, 0, List.of(second(10, 2000)));
    IntervalResult again =
        new IntervalResult(ClusterMessage.VERSION, "c", NODE, id, 0, List.of(second(10, 2000)));
    IntervalResult next =
        new IntervalResult(ClusterMessage.VERSION, "c", NODE, id, 1, List.of(second(10, 4000)));
    send(first);
    send(again); // a redelivery: the same key must not count twice
    send(next);
    send(first);

    ScenarioStats total = new ScenarioStats("s", List.of("GET /"));
    total.add(first.scenarios().get(0).toStats());
    total.add(next.scenarios().get(0).toStats());
    total.measured(2_000_000_000L);
    long deadline = System.currentTimeMillis() + 20_000;
    while (store.intervals(id).size() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }

    send(
        new FinalResult(
            ClusterMessage.VERSION,
            "c",
            NODE,
            id,
            List.of(ScenarioSnapshot.of(total)),
            startAt,
            0.5,
            0,
            2,
            false,
            null,
            null,
            0));
    while (store.run(id).state != RunState.COMPLETED && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(RunState.COMPLETED, store.run(id).state);
    // Everything sent before the final result has been handled or refused by the seal.
    assertEquals(2, store.intervals(id).size(), "each (run, node, scenario, second) stored once");
    Report report = reports.report(id);
    assertEquals(20, report.total().requests());
    assertEquals(4.0, report.total().latencyMs().max(), 0.01);
    assertEquals(2, report.timeline().size());
    assertEquals(
        List.of(10L, 10L), report.timeline().stream().map(Report.TimelinePoint::requests).toList());
    assertEquals("PASSED", report.status());
  }

  @Test
  void resultsOfAnUnknownRunOrNodeAreDropped() throws Exception {
    // A run in progress, whose result is the marker that proves the queue is being consumed.
    String known = "k" + UUID.randomUUID().toString().substring(0, 8);
    store.add(new RunRecord(known, null, "t", "YAML", PLAN, "c", null, 1, 1000, Instant.now()));
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put(NODE, null);
    long startAt = System.currentTimeMillis();
    store.started(known, groups, startAt);
    live.open(
        known, RunPlans.effective(store.run(known)), new LinkedHashSet<>(List.of(NODE)), startAt);

    String id = "u" + UUID.randomUUID().toString().substring(0, 8);
    send(new IntervalResult(ClusterMessage.VERSION, "c", NODE, id, 0, List.of(second(1, 1000))));
    send(
        new IntervalResult(
            ClusterMessage.VERSION, "c", "stranger", known, 0, List.of(second(1, 1000))));
    send(new IntervalResult(ClusterMessage.VERSION, "c", NODE, known, 0, List.of(second(1, 1000))));
    long deadline = System.currentTimeMillis() + 10_000;
    while (store.intervals(known).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(1, store.intervals(known).size(), "the marker sent after the strays arrived");
    assertEquals(0, store.intervals(id).size(), "a result of an unknown run is dropped");
    assertEquals(
        List.of(NODE),
        store.intervals(known).stream().map(i -> i.key.nodeId).toList(),
        "a result of a node outside the run is dropped");
  }
}
