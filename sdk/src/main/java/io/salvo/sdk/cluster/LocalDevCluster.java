package io.salvo.sdk.cluster;

import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.engine.node.AgentCore;
import io.salvo.sdk.agent.LightAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A whole cluster in one JVM, for developing scenarios: Artemis's broker in-VM (no port, no
 * persistence, no users), and {@code n} agents on it, each an SDK agent with its own event loops
 * and status API on 127.0.0.1. The coordinator ({@link SdkCoordinator}) joins the same broker, so a
 * run takes the very path it takes on machines: assignments, split, results, merge.
 */
public final class LocalDevCluster implements AutoCloseable {
  private static final AtomicInteger SERVERS = new AtomicInteger(100);

  private final EmbeddedActiveMQ broker;
  private final String url;
  private final List<LightAgent> agents = new ArrayList<>();

  private LocalDevCluster(EmbeddedActiveMQ broker, String url) {
    this.broker = broker;
    this.url = url;
  }

  /**
   * Starts the broker and {@code n} agents of {@code clusterId} (group {@code agentGroup}, may be
   * null), each running {@code code} on {@code threads} event loops.
   */
  public static LocalDevCluster start(
      int n,
      String clusterId,
      String agentGroup,
      CodeRegistry code,
      int threads,
      TargetAllowList allowed)
      throws Exception {
    if (n < 1) {
      throw new IllegalArgumentException("withLocalDevCluster: agents must be > 0, was " + n);
    }
    int id = SERVERS.incrementAndGet();
    String url = "vm://" + id;
    EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    broker.setConfiguration(
        new ConfigurationImpl()
            .setName("salvo-local-dev-" + id)
            .setPersistenceEnabled(false)
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .addAcceptorConfiguration("in-vm", url));
    broker.start();
    LocalDevCluster c = new LocalDevCluster(broker, url);
    try {
      for (int i = 1; i <= n; i++) {
        c.agents.add(
            LightAgent.start(
                new LightAgent.Options(
                    new AgentCore.Identity(
                        "local-agent-" + i, clusterId, agentGroup, 1, threads, null, allowed),
                    url,
                    null,
                    null,
                    null,
                    "127.0.0.1",
                    0,
                    Duration.ofSeconds(10),
                    code)));
      }
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The in-VM broker's URL, for the coordinator. */
  public String brokerUrl() {
    return url;
  }

  public List<LightAgent> agents() {
    return List.copyOf(agents);
  }

  @Override
  public void close() {
    for (LightAgent a : agents) {
      a.close();
    }
    try {
      broker.stop();
    } catch (Exception e) {
      // Stopping a broker in this JVM: nothing to hand back.
    }
  }
}
