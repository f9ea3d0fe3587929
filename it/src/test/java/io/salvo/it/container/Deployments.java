package io.salvo.it.container;

import java.io.File;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archives the build made, as deployed in production, with a test class added. */
final class Deployments {
  static final String WEB = "salvo-coordinator-web.war";

  private Deployments() {}

  private static File built(String path) {
    return Path.of(System.getProperty("salvo.home", "..")).resolve(path).toFile();
  }

  /** The agent WAR with {@code tests} in it (in-container tests see the agent's beans). */
  static WebArchive agentWar(Class<?>... tests) {
    return ShrinkWrap.createFromZipFile(WebArchive.class, built("agent-war/target/salvo-agent.war"))
        .addClasses(tests);
  }

  /** The coordinator EAR; {@code tests} go into its web module, which sees the EJB module. */
  static EnterpriseArchive coordinatorEar(Class<?>... tests) {
    EnterpriseArchive ear =
        ShrinkWrap.createFromZipFile(
            EnterpriseArchive.class, built("coordinator-ear/ear/target/salvo-coordinator.ear"));
    if (tests.length == 0) {
      return ear;
    }
    WebArchive web = ear.getAsType(WebArchive.class, WEB);
    web.addClasses(tests);
    ear.delete(WEB);
    ear.addAsModule(web);
    return ear;
  }
}
