package io.salvo.coordinator.messaging;

import io.salvo.message.ClusterKeys;
import io.salvo.message.SignedJms;
import io.salvo.message.SignedMessages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.logging.Logger;

/**
 * The coordinator's signing of what it sends and checking of what it receives ({@link
 * SignedMessages}), with the clusters' keys in {@code salvo.keysDir}. A bad key file stops the
 * deployment with its name; without the property, messages go unsigned, with a warning at start.
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
    messages = new SignedMessages(keys);
    if (keys.enabled()) {
      LOG.info("messages are signed and checked with the cluster keys in " + keys.dir());
    } else {
      LOG.warning(
          "messages are NOT signed: anyone who can reach the broker can send results and"
              + " heartbeats; set "
              + ClusterKeys.PROPERTY
              + " to a directory of cluster keys");
    }
  }

  public SignedMessages messages() {
    return messages;
  }

  /** Whether runs of this cluster can be signed: signing is off, or the cluster has a key. */
  public boolean canSign(String clusterId) {
    return !messages.keys().enabled() || messages.keys().key(clusterId).isPresent();
  }

  /** Decodes and checks a received text message. */
  public SignedMessages.Opened open(Message message) throws JMSException {
    return SignedJms.open(messages, message);
  }
}
