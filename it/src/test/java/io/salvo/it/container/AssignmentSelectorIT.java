package io.salvo.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.agent.AgentNode;
import io.salvo.message.Assignment;
import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.MessageCodec;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent's assignments MDB in WildFly: its selector, built from the server's system properties
 * (agent arq-agent, cluster arq, group g1), lets in exactly what is meant for it, and a message it
 * cannot read goes to the dead-letter queue instead of being acknowledged and lost.
 */
@ExtendWith(ArquillianExtension.class)
class AssignmentSelectorIT {
  @Deployment
  static WebArchive deployment() {
    return Deployments.agentWar(AssignmentSelectorIT.class, Deployments.class);
  }

  @Inject JMSContext jms;

  @Resource(lookup = "java:/jms/queue/DLQ")
  Queue deadLetters;

  @EJB AgentNode agent;

  private void publish(Map<String, String> properties, String body) {
    JMSProducer p = jms.createProducer();
    properties.forEach(p::setProperty);
    p.send(jms.createTopic(Destinations.assignments("arq")), body);
  }

  private static String assignmentFor(String agentId) {
    return MessageCodec.encode(
        new Assignment(
            ClusterMessage.VERSION,
            "arq",
            "coordinator",
            "r-" + agentId,
            null,
            "target: {baseUrl: \"http://127.0.0.1:9\"}\nscenarios: []\n",
            "YAML",
            List.of(agentId),
            List.of(),
            System.currentTimeMillis()));
  }

  private long seen() {
    return ((Number) agent.status().get("assignmentsSeen")).longValue();
  }

  @Test
  void theSelectorLetsInItsClusterGroupAndSelfOnly() throws Exception {
    long before = seen();
    // Names another agent, so this one only counts it (it does not run it).
    String body = assignmentFor("somebody-else");
    publish(Map.of("clusterId", "arq"), body); // any group: in
    publish(Map.of("clusterId", "arq", "agentGroup", "g1"), body); // its group: in
    publish(Map.of("clusterId", "arq", "agentId", "arq-agent"), body); // itself: in
    publish(Map.of("clusterId", "arq", "agentGroup", "g2"), body); // another group
    publish(Map.of("clusterId", "other"), body); // another cluster
    publish(Map.of("clusterId", "arq", "agentId", "arq-other"), body); // another agent
    publish(Map.of(), body); // no cluster at all
    // A marker that must arrive, published last: the broker applies the subscription's selector
    // in publishing order, so once the marker is in, every message before it has been judged.
    publish(Map.of("clusterId", "arq", "agentId", "arq-agent"), body);
    long deadline = System.currentTimeMillis() + 10_000;
    while (seen() < before + 4 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(before + 4, seen(), "the three that match, and the marker; nothing else");
  }

  @Test
  void anUnreadableMessageGoesToTheDeadLetterQueue() throws Exception {
    String marker = "poison-" + System.nanoTime();
    publish(Map.of("clusterId", "arq", "marker", marker), "this is not a Salvo message");
    long deadline = System.currentTimeMillis() + 30_000;
    boolean found = false;
    while (!found && System.currentTimeMillis() < deadline) {
      try (QueueBrowser b = jms.createBrowser(deadLetters, "marker = '" + marker + "'")) {
        found = !Collections.list(b.getEnumeration()).isEmpty();
      }
      Thread.sleep(200);
    }
    assertTrue(found, "the poison message reached the dead-letter queue");
  }
}
