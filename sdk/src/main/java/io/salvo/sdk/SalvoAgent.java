package io.salvo.sdk;

import io.salvo.sdk.agent.LightAgent;
import java.net.URI;
import java.util.Map;

/** An SDK agent that joined its cluster ({@link SalvoRunner#startAgent}); close it to leave. */
public final class SalvoAgent implements AutoCloseable {
  private final LightAgent agent;

  SalvoAgent(LightAgent agent) {
    this.agent = agent;
  }

  /** Its status API ({@code /status}, {@code /health}). */
  public URI statusUri() {
    return agent.statusUri();
  }

  /** What its status API shows: state, run, runs taken, last error... */
  public Map<String, Object> status() {
    return agent.core().status();
  }

  @Override
  public void close() {
    agent.close();
  }
}
