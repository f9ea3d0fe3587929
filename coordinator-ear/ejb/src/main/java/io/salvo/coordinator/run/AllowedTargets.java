package io.salvo.coordinator.run;

import io.salvo.cluster.TargetAllowList;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Logger;

/**
 * Where this coordinator lets load go: the target allow-list from the system property {@value
 * #PROPERTY} ({@link TargetAllowList#DEFAULT}, this machine only, when unset). Read once at start;
 * an invalid list stops the deployment with a message naming the entry, so a coordinator never runs
 * with a list it did not understand.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AllowedTargets {
  public static final String PROPERTY = "salvo.allowedTargets";

  private static final Logger LOG = Logger.getLogger(AllowedTargets.class.getName());

  private TargetAllowList list;

  @PostConstruct
  void load() {
    list = TargetAllowList.parse(System.getProperty(PROPERTY));
    LOG.info("runs may send load to: " + list + " (" + PROPERTY + ")");
  }

  public TargetAllowList list() {
    return list;
  }
}
