package io.salvo.agent;

import io.salvo.message.ClusterKeys;
import io.salvo.message.ClusterMessage;
import io.salvo.message.SignedJms;
import io.salvo.message.SignedMessages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import java.util.logging.Logger;

/**
 * The agent's signing of its results and heartbeats and checking of what the coordinator sends
 * ({@link SignedMessages}), with its cluster's key from {@code salvo.keysDir}. With the property
 * set, the deployment stops unless the agent's cluster has a valid key there; without it, messages
 * go unsigned, with a warning at start.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MessageSeal {
  private static final Logger LOG = Logger.getLogger(MessageSeal.class.getName());

  private SignedMessages messages;

  @PostConstruct
  void init() {
    ClusterKeys keys = ClusterKeys.fromSystemProperties();
    String cluster = System.getProperty("salvo.clusterId", "default");
    if (keys.enabled() && keys.key(cluster).isEmpty()) {
      throw new IllegalStateException(
          "cluster "
              + cluster
              + " has no signing key: "
              + ClusterKeys.file(keys.dir(), cluster)
              + " does not exist ("
              + ClusterKeys.PROPERTY
              + ")");
    }
    messages = new SignedMessages(keys);
    if (keys.enabled()) {
      LOG.info("messages are signed and checked with the key of cluster " + cluster);
    } else {
      LOG.warning(
          "messages are NOT signed: anyone who can reach the broker can send this agent"
              + " assignments; set "
              + ClusterKeys.PROPERTY
              + " to a directory holding "
              + cluster
              + ".key");
    }
  }

  /** Signs a message and sends it with its signature properties. */
  public void send(JMSProducer p, Destination to, ClusterMessage m) {
    SignedJms.send(messages, p, to, m);
  }

  /** Decodes and checks a received text message. */
  public SignedMessages.Opened open(Message message) throws JMSException {
    return SignedJms.open(messages, message);
  }

  /** Gives back the sequence number of a message whose handling failed, for its redelivery. */
  public void release(SignedMessages.Opened o) {
    messages.release(o);
  }
}
