package io.salvo.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salvo.coordinator.report.ReportService;
import io.salvo.coordinator.run.LiveRuns;
import io.salvo.coordinator.run.RunPlans;
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
import java.util.LinkedHashSet;
import java.util.List;
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
    store.started(id, List.of(NODE), startAt);
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
    Thread.sleep(500);
    assertEquals(2, store.intervals(id).size(), "each (run, node, scenario, second) stored once");
    assertEquals(20, live.get(id).live().totalsSoFar().get("s").total().requests(), "merged once");

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
            null));
    while (store.run(id).state != RunState.COMPLETED && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(RunState.COMPLETED, store.run(id).state);
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
    String id = "u" + UUID.randomUUID().toString().substring(0, 8);
    send(new IntervalResult(ClusterMessage.VERSION, "c", NODE, id, 0, List.of(second(1, 1000))));
    Thread.sleep(1000);
    assertEquals(0, store.intervals(id).size());
  }
}
