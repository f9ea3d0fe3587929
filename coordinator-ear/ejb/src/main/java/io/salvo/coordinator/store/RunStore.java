package io.salvo.coordinator.store;

import io.salvo.message.FinalResult;
import io.salvo.message.IntervalResult;
import io.salvo.message.MessageCodec;
import io.salvo.message.ScenarioSnapshot;
import io.salvo.stats.ScenarioStats;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The coordinator's database, through JPA. Each method is its caller's transaction. */
@Stateless
public class RunStore {
  @PersistenceContext(unitName = "salvo")
  EntityManager em;

  public void add(PlanRecord plan) {
    em.persist(plan);
  }

  public PlanRecord plan(String id) {
    return em.find(PlanRecord.class, id);
  }

  public List<PlanRecord> plans(int limit) {
    return em.createQuery("select p from PlanRecord p order by p.createdAt desc", PlanRecord.class)
        .setMaxResults(limit)
        .getResultList();
  }

  public void add(RunRecord run) {
    em.persist(run);
  }

  public RunRecord run(String id) {
    return em.find(RunRecord.class, id);
  }

  public List<RunRecord> runs(int limit) {
    return em.createQuery("select r from RunRecord r order by r.createdAt desc", RunRecord.class)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Runs matching a filter, newest first, from {@code offset}. */
  public List<RunRecord> runs(RunFilter f, int offset, int limit) {
    return filtered(f, "select r from RunRecord r", " order by r.createdAt desc", RunRecord.class)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  /** How many runs match a filter. */
  public long count(RunFilter f) {
    return filtered(f, "select count(r) from RunRecord r", "", Long.class).getSingleResult();
  }

  private <T> jakarta.persistence.TypedQuery<T> filtered(
      RunFilter f, String select, String order, Class<T> type) {
    List<String> where = new ArrayList<>();
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    if (f.plan() != null) {
      where.add("r.planName = :plan");
      params.put("plan", f.plan());
    }
    if (f.state() != null) {
      where.add("r.state = :state");
      params.put("state", f.state());
    }
    if (f.verdict() != null) {
      where.add("r.verdict = :verdict");
      params.put("verdict", f.verdict());
    }
    if (f.clusterId() != null) {
      where.add("r.clusterId = :cluster");
      params.put("cluster", f.clusterId());
    }
    if (f.from() != null) {
      where.add("r.createdAt >= :from");
      params.put("from", f.from());
    }
    if (f.to() != null) {
      where.add("r.createdAt < :to");
      params.put("to", f.to());
    }
    String q = select + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + order;
    jakarta.persistence.TypedQuery<T> query = em.createQuery(q, type);
    params.forEach(query::setParameter);
    return query;
  }

  public BaselineRecord baseline(String planName) {
    return em.find(BaselineRecord.class, planName);
  }

  public List<BaselineRecord> baselines() {
    return em.createQuery(
            "select b from BaselineRecord b order by b.planName", BaselineRecord.class)
        .getResultList();
  }

  /** The ids of the runs that are their plan's baseline. */
  public java.util.Set<String> baselineRunIds() {
    return new java.util.HashSet<>(
        em.createQuery(
                "select b.runId from BaselineRecord b where b.runId is not null", String.class)
            .getResultList());
  }

  /** Stores a plan's comparison settings, replacing what it had. */
  public BaselineRecord setBaseline(BaselineRecord b) {
    return em.merge(b);
  }

  /**
   * @return whether the plan had settings
   */
  public boolean deleteBaseline(String planName) {
    BaselineRecord b = em.find(BaselineRecord.class, planName);
    if (b != null) {
      em.remove(b);
    }
    return b != null;
  }

  /** What a retention policy needs of every run. */
  public List<Retention.Candidate> retentionCandidates() {
    List<Retention.Candidate> out = new ArrayList<>();
    for (Object[] row :
        em.createQuery(
                "select r.id, r.planName, r.createdAt, r.state from RunRecord r", Object[].class)
            .getResultList()) {
      out.add(
          new Retention.Candidate(
              (String) row[0], (String) row[1], (Instant) row[2], ((RunState) row[3]).finished()));
    }
    return out;
  }

  /**
   * Deletes a run and everything stored of it: its nodes' intervals and final results, its merged
   * seconds and totals. The caller checks that it may go.
   */
  public void deleteRun(String runId) {
    for (String entity : List.of("IntervalRecord", "NodeResultRecord", "MergedRecord")) {
      em.createQuery("delete from " + entity + " x where x.key.runId = :id")
          .setParameter("id", runId)
          .executeUpdate();
    }
    em.createQuery("delete from RunRecord r where r.id = :id")
        .setParameter("id", runId)
        .executeUpdate();
    em.clear();
  }

  public List<RunRecord> runsIn(Collection<RunState> states) {
    return em.createQuery("select r from RunRecord r where r.state in :states", RunRecord.class)
        .setParameter("states", states)
        .getResultList();
  }

  /**
   * Moves a run to {@code to} when it is in one of {@code from}: a conditional update, so of two
   * concurrent callers exactly one succeeds.
   *
   * @param message replaces the run's message when not null
   */
  public boolean transition(String runId, Collection<RunState> from, RunState to, String message) {
    int n =
        em.createQuery(
                "update RunRecord r set r.state = :to, r.message = coalesce(:message, r.message)"
                    + " where r.id = :id and r.state in :from")
            .setParameter("to", to)
            .setParameter("message", message)
            .setParameter("id", runId)
            .setParameter("from", from)
            .executeUpdate();
    em.clear();
    return n == 1;
  }

  /**
   * Records the participants (in split order) with their groups and the agreed start, and moves the
   * run to RUNNING.
   */
  public boolean started(String runId, Map<String, String> groups, long startAtMillis) {
    int n =
        em.createQuery(
                "update RunRecord r set r.state = :to, r.nodes = :nodes, r.nodeGroups = :groups,"
                    + " r.startAtMillis = :at where r.id = :id and r.state = :from")
            .setParameter("to", RunState.RUNNING)
            .setParameter("nodes", String.join(",", groups.keySet()))
            .setParameter("groups", RunRecord.nodeGroups(groups))
            .setParameter("at", startAtMillis)
            .setParameter("id", runId)
            .setParameter("from", RunState.WAITING_FOR_AGENTS)
            .executeUpdate();
    em.clear();
    return n == 1;
  }

  /**
   * Stores the given scenarios of an interval result. The key is the primary key: storing one twice
   * fails the transaction (the caller checks what it has merged before).
   */
  public void saveInterval(IntervalResult r, List<ScenarioSnapshot> scenarios) {
    for (ScenarioSnapshot s : scenarios) {
      em.persist(
          new IntervalRecord(
              new IntervalKey(r.runId(), r.nodeId(), s.name(), r.second()),
              MessageCodec.toJson(s)));
    }
  }

  /** Stores a node's final result unless one is stored already. */
  public boolean saveFinal(FinalResult f) {
    NodeKey key = new NodeKey(f.runId(), f.nodeId());
    if (em.find(NodeResultRecord.class, key) != null) {
      return false;
    }
    long requests = 0;
    for (ScenarioSnapshot s : f.scenarios()) {
      requests += s.toStats().total().requests();
    }
    em.persist(new NodeResultRecord(key, MessageCodec.encode(f), requests));
    return true;
  }

  public List<IntervalRecord> intervals(String runId) {
    return em.createQuery(
            "select i from IntervalRecord i where i.key.runId = :id", IntervalRecord.class)
        .setParameter("id", runId)
        .getResultList();
  }

  /** The stored intervals of some of a run's nodes. */
  public List<IntervalRecord> intervals(String runId, Collection<String> nodes) {
    return em.createQuery(
            "select i from IntervalRecord i where i.key.runId = :id and i.key.nodeId in :nodes",
            IntervalRecord.class)
        .setParameter("id", runId)
        .setParameter("nodes", nodes)
        .getResultList();
  }

  public List<FinalResult> finals(String runId) {
    return em
        .createQuery(
            "select n from NodeResultRecord n where n.key.runId = :id order by n.key.nodeId",
            NodeResultRecord.class)
        .setParameter("id", runId)
        .getResultList()
        .stream()
        .map(n -> MessageCodec.decode(n.result, FinalResult.class))
        .toList();
  }

  /**
   * Stores a scenario's merged result for one second, or for the run ({@link MergedRecord#TOTAL}).
   */
  public void saveMerged(String runId, int second, ScenarioStats s) {
    var total = s.total();
    em.merge(
        new MergedRecord(
            new ScenarioKey(runId, s.name(), second),
            MessageCodec.toJson(ScenarioSnapshot.of(s)),
            total.requests(),
            total.errors(),
            total.latency().p99()));
  }

  public List<MergedRecord> merged(String runId) {
    return em.createQuery(
            "select m from MergedRecord m where m.key.runId = :id order by m.key.second",
            MergedRecord.class)
        .setParameter("id", runId)
        .getResultList();
  }

  /** Records that a node of a run was lost (once). */
  public void lost(String runId, String node) {
    RunRecord r = em.find(RunRecord.class, runId);
    if (r != null && !r.lostNodeList().contains(node)) {
      r.lostNodes = r.lostNodes == null || r.lostNodes.isEmpty() ? node : r.lostNodes + "," + node;
    }
  }

  /**
   * Counts a refused message that claims to belong to a run (nothing when there is no such run).
   */
  public void rejected(String runId) {
    em.createQuery(
            "UPDATE RunRecord r SET r.rejectedMessages = r.rejectedMessages + 1 WHERE r.id = :id")
        .setParameter("id", runId)
        .executeUpdate();
  }

  /** Forgets that a node was lost: it came back before the run ended. */
  public void found(String runId, String node) {
    RunRecord r = em.find(RunRecord.class, runId);
    if (r != null && r.lostNodeList().contains(node)) {
      List<String> left = new ArrayList<>(r.lostNodeList());
      left.remove(node);
      r.lostNodes = left.isEmpty() ? null : String.join(",", left);
    }
  }

  /** Records a finished run's outcome. */
  public void finish(
      String runId, String verdict, Double startSkewMs, boolean degraded, Instant endedAt) {
    RunRecord r = em.find(RunRecord.class, runId);
    r.verdict = verdict;
    r.startSkewMs = startSkewMs;
    r.degraded = degraded;
    r.endedAt = endedAt;
  }
}
