package io.salvo.sdk.agent;

import com.sun.net.httpserver.HttpServer;
import io.salvo.engine.code.CodeRegistry;
import io.salvo.engine.node.AgentCore;
import io.salvo.message.ClusterKeys;
import io.salvo.message.ClusterMessage;
import io.salvo.message.Destinations;
import io.salvo.message.SignedJms;
import io.salvo.message.SignedMessages;
import io.salvo.plan.Names;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * An agent without an application server: Artemis's Jakarta JMS client instead of WildFly's
 * messaging, a scheduled thread instead of the EJB timer, Jersey on the JDK's HTTP server for its
 * status API. It speaks the same messages as the WildFly agent ({@link AgentCore} does the work),
 * so any coordinator drives it: it consumes its cluster's assignments topic with the same selector,
 * heartbeats each second on the control queue, sends its results persistent to the results queue,
 * signed with its cluster's key when it has one.
 */
public final class LightAgent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LightAgent.class.getName());

  /**
   * Jersey warns at every start that it has no body writer for {@code jakarta.activation} (not on
   * the class path): the status API sends JSON text only. Held here, so the level stays set.
   */
  private static final Logger JERSEY_BINDERS =
      quiet("org.glassfish.jersey.message.internal.MessagingBinders");

  private static Logger quiet(String name) {
    Logger l = Logger.getLogger(name);
    l.setLevel(Level.SEVERE);
    return l;
  }

  /**
   * How to start one.
   *
   * @param brokerUrl an Artemis URL such as {@code tcp://broker:61616}; for WildFly's embedded
   *     broker, its HTTP port with {@code httpUpgradeEnabled=true}; TLS options go in it ({@code
   *     sslEnabled=true&trustStorePath=...}). Salvo's destination names are added ({@code
   *     enable1xPrefixes=true}), and reconnecting after a broker restart ({@code
   *     reconnectAttempts=-1}) unless the URL says otherwise
   * @param keysDir the directory of the cluster's signing key ({@code <clusterId>.key}), or null to
   *     send unsigned and accept unsigned messages
   * @param statusHost the address the status API listens on (on every address, {@code 0.0.0.0}, it
   *     tells the coordinator this host's address)
   * @param statusPort its port; 0 for any free one
   * @param brokerWait how long to keep trying to reach the broker at the start
   * @param code the code scenarios this agent can run (a Java program's, or a jar's)
   */
  public record Options(
      AgentCore.Identity identity,
      String brokerUrl,
      String brokerUser,
      String brokerPassword,
      Path keysDir,
      String statusHost,
      int statusPort,
      Duration brokerWait,
      CodeRegistry code) {
    public Options {
      code = code == null ? CodeRegistry.empty() : code;
    }

    /** Without code: the agent runs plans of HTTP steps. */
    public Options(
        AgentCore.Identity identity,
        String brokerUrl,
        String brokerUser,
        String brokerPassword,
        Path keysDir,
        String statusHost,
        int statusPort,
        Duration brokerWait) {
      this(
          identity,
          brokerUrl,
          brokerUser,
          brokerPassword,
          keysDir,
          statusHost,
          statusPort,
          brokerWait,
          null);
    }
  }

  private final AgentCore core;
  private final SignedMessages messages;
  private final ActiveMQConnectionFactory factory;
  private final JMSContext producing;
  private final JMSContext consuming;
  private final Queue results;
  private final Queue control;
  private final ScheduledExecutorService timer;
  private final HttpServer http;
  private final URI statusUri;

  private LightAgent(Options o, URI statusUri, HttpServer http, AgentCoreHolder holder)
      throws StartException {
    this.http = http;
    this.statusUri = statusUri;
    String cluster = o.identity().clusterId();
    ClusterKeys keys;
    try {
      keys = BrokerAccess.keys(o.keysDir(), cluster);
    } catch (BrokerAccess.Refused e) {
      throw new StartException(e.getMessage());
    }
    this.messages = new SignedMessages(keys);
    this.factory =
        new ActiveMQConnectionFactory(
            BrokerAccess.url(o.brokerUrl()), o.brokerUser(), o.brokerPassword());
    this.core = new AgentCore(o.identity(), new Outbound(), threads("salvo-load"), o.code());
    JMSContext p = null;
    JMSContext c = null;
    try {
      p = BrokerAccess.connect(factory, o.brokerUrl(), o.brokerUser(), o.brokerWait());
      c = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
      this.results = p.createQueue(Destinations.RESULTS);
      this.control = p.createQueue(Destinations.CONTROL);
      this.producing = p;
      this.consuming = c;
      holder.core = core;
      JMSConsumer consumer =
          c.createConsumer(
              c.createTopic(Destinations.assignments(cluster)),
              Destinations.agentSelector(
                  cluster, o.identity().agentGroup(), o.identity().agentId()));
      consumer.setMessageListener(this::onMessage);
    } catch (BrokerAccess.Refused e) {
      BrokerAccess.closeQuietly(c, p, factory);
      throw new StartException(e.getMessage());
    } catch (RuntimeException e) {
      BrokerAccess.closeQuietly(c, p, factory);
      if (e instanceof JMSSecurityRuntimeException) {
        throw new StartException(
            "the broker at "
                + o.brokerUrl()
                + " does not let user "
                + o.brokerUser()
                + " read cluster "
                + cluster
                + "'s assignments: "
                + e.getMessage());
      }
      if (e instanceof JMSRuntimeException) {
        throw new StartException(
            "cannot subscribe to cluster "
                + cluster
                + "'s assignments on "
                + o.brokerUrl()
                + ": "
                + e.getMessage());
      }
      throw e;
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(threads("salvo-heartbeat"));
    timer.scheduleAtFixedRate(this::heartbeat, 0, 1, TimeUnit.SECONDS);
    LOG.info(
        "Salvo agent "
            + o.identity().agentId()
            + " in cluster "
            + cluster
            + (o.identity().agentGroup() == null ? "" : ", group " + o.identity().agentGroup())
            + " on "
            + o.brokerUrl()
            + ", status at "
            + statusUri
            + "; messages "
            + (keys.enabled() ? "signed" : "NOT signed")
            + "; load may go to: "
            + o.identity().allowedTargets()
            + (o.code().isEmpty() ? "" : "; code scenarios: " + o.code().names()));
  }

  /** Filled once the agent exists: the status API starts before it (its URL is in heartbeats). */
  private static final class AgentCoreHolder {
    volatile AgentCore core;
  }

  /**
   * Starts an agent: its status API, then its broker connections (trying for {@code brokerWait}),
   * its subscription and its heartbeats.
   *
   * @throws StartException naming what is wrong (a bad option, a broker that cannot be reached or
   *     refuses the user, a missing key); nothing is left running
   */
  public static LightAgent start(Options o) throws StartException {
    check(o);
    AgentCoreHolder holder = new AgentCoreHolder();
    HttpServer http;
    URI base = URI.create("http://" + host(o.statusHost()) + ":" + o.statusPort() + "/");
    try {
      http =
          JdkHttpServerFactory.createHttpServer(
              base,
              new ResourceConfig()
                  .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                  .register(StatusApi.class)
                  .register(
                      new AbstractBinder() {
                        @Override
                        protected void configure() {
                          bind((StatusApi.Source) () -> holder.core).to(StatusApi.Source.class);
                        }
                      }),
              true);
    } catch (RuntimeException e) {
      throw new StartException(
          "cannot serve the status API on " + o.statusHost() + ":" + o.statusPort() + ": " + e);
    }
    URI statusUri =
        URI.create(
            "http://"
                + host(advertised(o.statusHost()))
                + ":"
                + http.getAddress().getPort()
                + "/status");
    AgentCore.Identity id = o.identity();
    if (id.statusUrl() == null) {
      id =
          new AgentCore.Identity(
              id.agentId(),
              id.clusterId(),
              id.agentGroup(),
              id.capacity(),
              id.threads(),
              statusUri.toString(),
              id.allowedTargets());
    }
    Options withUrl =
        new Options(
            id,
            o.brokerUrl(),
            o.brokerUser(),
            o.brokerPassword(),
            o.keysDir(),
            o.statusHost(),
            o.statusPort(),
            o.brokerWait(),
            o.code());
    try {
      return new LightAgent(withUrl, statusUri, http, holder);
    } catch (StartException | RuntimeException e) {
      http.stop(0);
      throw e;
    }
  }

  private static void check(Options o) throws StartException {
    AgentCore.Identity id = o.identity();
    for (String[] name :
        new String[][] {
          {"agent id", id.agentId()}, {"cluster id", id.clusterId()}, {"group", id.agentGroup()}
        }) {
      if (name[1] != null && !Names.valid(name[1])) {
        throw new StartException(
            "the " + name[0] + " '" + name[1] + "' is not a name: " + Names.RULE);
      }
    }
    if (id.capacity() < 1) {
      throw new StartException("the capacity must be >= 1, was " + id.capacity());
    }
    if (id.threads() < 1) {
      throw new StartException("the threads must be >= 1, was " + id.threads());
    }
    if (o.brokerUrl() == null || o.brokerUrl().isBlank()) {
      throw new StartException("give the broker's URL, such as tcp://broker:61616");
    }
  }

  private void onMessage(Message m) {
    SignedMessages.Opened o;
    try {
      o = SignedJms.open(messages, m);
    } catch (JMSException | ClassCastException e) {
      LOG.warning("unreadable message on the assignments topic dropped: " + e);
      return;
    }
    if (!o.accepted()) {
      LOG.warning(o.refusal());
      return;
    }
    try {
      core.accept(o.message());
    } catch (RuntimeException e) {
      // Rethrown: the broker redelivers it, then dead-letters it; it is never lost silently.
      messages.release(o);
      LOG.log(Level.WARNING, "message not handled: " + e.getMessage(), e);
      throw e;
    }
  }

  private void heartbeat() {
    try {
      core.heartbeat();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "heartbeat failed", e);
    }
  }

  /** Sends on the producing context, one message at a time (a JMS context is single-threaded). */
  private final class Outbound implements AgentCore.Outbound {
    @Override
    public void heartbeat(ClusterMessage m) {
      synchronized (producing) {
        SignedJms.send(
            messages,
            producing
                .createProducer()
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .setTimeToLive(5_000)
                .setProperty(Destinations.CLUSTER_ID, m.clusterId())
                .setProperty(Destinations.TYPE, m.type()),
            control,
            m);
      }
    }

    @Override
    public void result(ClusterMessage m) {
      synchronized (producing) {
        SignedJms.send(
            messages,
            producing
                .createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setProperty(Destinations.RUN_ID, SignedMessages.runId(m))
                .setProperty(Destinations.CLUSTER_ID, m.clusterId())
                .setProperty(Destinations.TYPE, m.type()),
            results,
            m);
      }
    }
  }

  public AgentCore core() {
    return core;
  }

  /** Where the status API answers ({@code GET .../status}, {@code GET .../health}). */
  public URI statusUri() {
    return statusUri;
  }

  /** Stops taking assignments and heartbeating, stops a run in progress, closes everything. */
  @Override
  public void close() {
    timer.shutdownNow();
    var w = core.current();
    if (w != null) {
      w.stop();
    }
    consuming.close();
    producing.close();
    factory.close();
    http.stop(0);
  }

  /**
   * The address the coordinator is told: the bind address, or this host's address when the API
   * listens on every address.
   */
  static String advertised(String bind) {
    if (bind.equals("0.0.0.0") || bind.equals("::")) {
      try {
        return java.net.InetAddress.getLocalHost().getHostAddress();
      } catch (java.net.UnknownHostException e) {
        return bind;
      }
    }
    return bind;
  }

  private static String host(String h) {
    return h.contains(":") ? "[" + h + "]" : h;
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
  }

  /** An agent that cannot start, with a message naming why. */
  public static final class StartException extends Exception {
    public StartException(String message) {
      super(message);
    }
  }
}
