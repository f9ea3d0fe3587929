package io.salvo.message;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/** {@link SignedMessages} on JMS: the signature and sequence number as message properties. */
public final class SignedJms {
  private SignedJms() {}

  /** Signs a message and sends it with its signature properties. */
  public static void send(SignedMessages signing, JMSProducer p, Destination to, ClusterMessage m) {
    SignedMessages.Sealed s = signing.seal(m);
    if (s.signature() != null) {
      p.setProperty(SignedMessages.SEQUENCE, s.sequence())
          .setProperty(SignedMessages.SIGNATURE, s.signature());
    }
    p.send(to, s.body());
  }

  /** Decodes and checks a received text message. */
  public static SignedMessages.Opened open(SignedMessages signing, Message message)
      throws JMSException {
    return signing.open(
        ((TextMessage) message).getText(),
        message.propertyExists(SignedMessages.SEQUENCE)
            ? message.getLongProperty(SignedMessages.SEQUENCE)
            : null,
        message.getStringProperty(SignedMessages.SIGNATURE));
  }
}
