package io.salvo.sdk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salvo.cluster.TargetAllowList;
import io.salvo.engine.node.AgentCore;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The light agent's options and its refusals to start; joining a real broker is in LightAgentIT.
 */
class LightAgentTest {
  @TempDir Path tmp;

  private static LightAgent.Options options(String agentId, String url, Path keys, int port) {
    return new LightAgent.Options(
        new AgentCore.Identity(agentId, "c1", null, 1, 1, null, TargetAllowList.parse("loopback")),
        url,
        "salvo-agent-c1",
        "secret",
        keys,
        "127.0.0.1",
        port,
        Duration.ofSeconds(1));
  }

  @Test
  void theUrlGetsSalvoNamesAndReconnectionUnlessItSaysOtherwise() {
    assertEquals(
        "tcp://b:61616?enable1xPrefixes=true&reconnectAttempts=-1",
        BrokerAccess.url("tcp://b:61616"));
    assertEquals(
        "tcp://b:8080?httpUpgradeEnabled=true&enable1xPrefixes=true&reconnectAttempts=-1",
        BrokerAccess.url("tcp://b:8080?httpUpgradeEnabled=true"));
    assertEquals(
        "tcp://b:61616?reconnectAttempts=5&enable1xPrefixes=true",
        BrokerAccess.url("tcp://b:61616?reconnectAttempts=5"));
  }

  @Test
  void anUnreachableBrokerIsNamedAndNothingStaysOpen() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LightAgent.StartException e =
        assertThrows(
            LightAgent.StartException.class,
            () -> LightAgent.start(options("a1", "tcp://127.0.0.1:1", null, port)));
    assertTrue(
        e.getMessage().startsWith("cannot reach the broker at tcp://127.0.0.1:1 within 1 s"),
        e.getMessage());
    // The status API it opened first is closed again: its port is free.
    try (ServerSocket again =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingStarts() {
    assertEquals(
        "the agent id 'a b' is not a name: 1 to 64 letters, digits, '.', '_' or '-', starting with a"
            + " letter or digit",
        assertThrows(
                LightAgent.StartException.class,
                () -> LightAgent.start(options("a b", "tcp://127.0.0.1:1", null, 0)))
            .getMessage());
    assertEquals(
        "give the broker's URL, such as tcp://broker:61616",
        assertThrows(
                LightAgent.StartException.class,
                () -> LightAgent.start(options("a1", " ", null, 0)))
            .getMessage());
    LightAgent.StartException keys =
        assertThrows(
            LightAgent.StartException.class,
            () -> LightAgent.start(options("a1", "tcp://127.0.0.1:1", tmp, 0)));
    assertTrue(keys.getMessage().startsWith("cluster c1 has no signing key: "), keys.getMessage());
  }

  @Test
  void aBusyStatusPortIsNamed() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      LightAgent.StartException e =
          assertThrows(
              LightAgent.StartException.class,
              () ->
                  LightAgent.start(options("a1", "tcp://127.0.0.1:1", null, busy.getLocalPort())));
      assertTrue(
          e.getMessage()
              .startsWith("cannot serve the status API on 127.0.0.1:" + busy.getLocalPort()),
          e.getMessage());
    }
  }
}
