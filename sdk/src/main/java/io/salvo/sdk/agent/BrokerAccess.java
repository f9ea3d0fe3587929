package io.salvo.sdk.agent;

import io.salvo.message.ClusterKeys;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * How the SDK's nodes (its agents and its coordinator) reach a broker: the URL options Salvo needs,
 * the cluster's signing key, a first connection tried for a while, and closing what a failed start
 * opened. A refusal names the broker, the user or the file.
 */
public final class BrokerAccess {
  private static final Logger LOG = Logger.getLogger(BrokerAccess.class.getName());

  /** Why a node cannot use the broker; its message says what to fix. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private BrokerAccess() {}

  /** The URL with Salvo's destination names and reconnection, unless it says otherwise. */
  public static String url(String url) {
    String u = url.trim();
    for (String param : new String[] {"enable1xPrefixes=true", "reconnectAttempts=-1"}) {
      String key = param.substring(0, param.indexOf('=') + 1);
      if (!u.contains(key)) {
        u += (u.contains("?") ? "&" : "?") + param;
      }
    }
    return u;
  }

  /**
   * The cluster's signing key from {@code dir}; none (unsigned messages) when {@code dir} is null.
   */
  public static ClusterKeys keys(Path dir, String cluster) throws Refused {
    if (dir == null) {
      return ClusterKeys.none();
    }
    ClusterKeys keys;
    try {
      keys = ClusterKeys.directory(dir);
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
    if (keys.key(cluster).isEmpty()) {
      throw new Refused(
          "cluster "
              + cluster
              + " has no signing key: "
              + ClusterKeys.file(dir, cluster)
              + " does not exist");
    }
    return keys;
  }

  /**
   * A first connection, tried every half second for {@code wait}: a broker still starting is waited
   * for; a refused user is not.
   */
  public static JMSContext connect(
      ActiveMQConnectionFactory factory, String url, String user, Duration wait) throws Refused {
    long deadline = System.nanoTime() + wait.toNanos();
    JMSRuntimeException last;
    do {
      try {
        return factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
      } catch (JMSSecurityRuntimeException e) {
        throw new Refused("the broker at " + url + " refused user " + user + ": " + e.getMessage());
      } catch (JMSRuntimeException e) {
        last = e;
        LOG.fine("broker not reachable yet: " + e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Refused("interrupted while waiting for the broker");
      }
    } while (System.nanoTime() < deadline);
    throw new Refused(
        "cannot reach the broker at "
            + url
            + " within "
            + wait.toSeconds()
            + " s: "
            + last.getMessage());
  }

  /** Closes what a failed start opened, in order; a failure to close is only logged. */
  public static void closeQuietly(AutoCloseable... all) {
    for (AutoCloseable a : all) {
      if (a != null) {
        try {
          a.close();
        } catch (Exception e) {
          LOG.log(Level.FINE, "closing after a failed start", e);
        }
      }
    }
  }
}
