package io.salvo.coordinator.run;

import io.salvo.coordinator.CoordinatorNode;
import io.salvo.coordinator.messaging.ClusterPublisher;
import io.salvo.engine.EngineOptions;
import io.salvo.engine.ScenarioPart;
import io.salvo.engine.node.NodeWork;
import io.salvo.plan.Plan;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coordinator also works: its target scenarios run on its own engine, on managed threads, and
 * report through the results queue like any agent.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LocalNode {
  @Resource ManagedThreadFactory threads;

  @EJB ClusterPublisher publisher;

  @EJB AllowedTargets allowed;

  private final Map<String, NodeWork> works = new ConcurrentHashMap<>();

  public void start(
      String runId, String clusterId, Plan plan, List<ScenarioPart> parts, long startAtMillis) {
    NodeWork w =
        NodeWork.start(
            clusterId,
            CoordinatorNode.ID,
            runId,
            plan,
            parts,
            startAtMillis,
            0,
            EngineOptions.defaults().withThreadFactory(threads).withAllowedTargets(allowed.list()),
            publisher::result);
    works.put(runId, w);
    w.done().whenComplete((f, e) -> works.remove(runId));
  }

  public void stop(String runId) {
    NodeWork w = works.get(runId);
    if (w != null) {
      w.stop();
    }
  }
}
