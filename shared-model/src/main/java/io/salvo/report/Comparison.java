package io.salvo.report;

import io.salvo.stats.Histograms;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Two runs side by side: each figure of the candidate against the same figure of the base, with its
 * absolute and relative change and a verdict against {@link Tolerances}. Percentiles are read off
 * each run's merged latency histogram (the one kept in its report), never averaged.
 *
 * @param schema {@code salvo-compare/1}
 * @param verdict {@code regressed} when any judged figure of any part is worse beyond its
 *     tolerance, else {@code improved} when any is better beyond it, else {@code unchanged}
 * @param tolerances the tolerances applied, as a spec {@link Tolerances#with} reads
 * @param parts all scenarios together first, then each scenario both runs have
 * @param notes what a reader must know: scenarios only one run has, runs that did not complete
 */
public record Comparison(
    String schema,
    Side base,
    Side candidate,
    String verdict,
    String tolerances,
    List<Part> parts,
    List<String> notes) {

  public static final String SCHEMA = "salvo-compare/1";
  public static final String REGRESSED = "regressed";
  public static final String IMPROVED = "improved";
  public static final String UNCHANGED = "unchanged";
  public static final String NOT_JUDGED = "not judged";

  /** Which run a side is. */
  public record Side(
      String runId, String plan, String status, Instant startedAt, double measuredSeconds) {}

  /**
   * One scenario (or all together, {@code scenario} null) in both runs.
   *
   * @param baseDistribution the base's latency distribution: {@code [percentile, ms]} pairs, as
   *     HdrHistogram's percentile output gives them (five steps per halving of the distance to
   *     100%), for a plot on a {@code 1/(1 - percentile/100)} axis
   */
  public record Part(
      String scenario,
      String verdict,
      List<Metric> metrics,
      List<double[]> baseDistribution,
      List<double[]> candidateDistribution) {}

  /**
   * One figure in both runs.
   *
   * @param unit {@code req/s}, {@code %} (errorRate, in percent) or {@code ms}
   * @param delta candidate minus base, in the unit
   * @param relativePercent delta over base in percent; null when the base is 0
   * @param tolerance the tolerance applied (percent, or percentage points for errorRate); null when
   *     not judged
   * @param verdict {@code regressed}, {@code improved}, {@code unchanged} or {@code not judged}
   */
  public record Metric(
      String name,
      String unit,
      double base,
      double candidate,
      double delta,
      Double relativePercent,
      Double tolerance,
      String verdict) {}

  private static final double EPSILON = 1e-9;

  /**
   * Compares a candidate run with a base run.
   *
   * @throws IllegalArgumentException when a report's histogram cannot be decoded
   */
  public static Comparison of(Report base, Report candidate, Tolerances tolerances) {
    List<Part> parts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    parts.add(part(null, base.total(), candidate.total(), tolerances, notes));
    Map<String, Figures> candidates = new LinkedHashMap<>();
    candidate.scenarios().forEach(s -> candidates.put(s.name(), s.figures()));
    for (Report.ScenarioReport s : base.scenarios()) {
      Figures c = candidates.remove(s.name());
      if (c == null) {
        notes.add("scenario " + s.name() + " is only in the base run " + base.runId());
      } else {
        parts.add(part(s.name(), s.figures(), c, tolerances, notes));
      }
    }
    candidates
        .keySet()
        .forEach(
            n -> notes.add("scenario " + n + " is only in the candidate run " + candidate.runId()));
    if (base.plan() != null && !base.plan().equals(candidate.plan())) {
      notes.add("the runs come from different plans: " + base.plan() + " and " + candidate.plan());
    }
    for (Report r : List.of(base, candidate)) {
      if ("STOPPED".equals(r.status()) || "ERROR".equals(r.status())) {
        notes.add(
            "run " + r.runId() + " ended " + r.status() + "; its figures cover what was measured");
      }
    }
    String verdict = UNCHANGED;
    for (Part p : parts) {
      if (p.verdict().equals(REGRESSED)) {
        verdict = REGRESSED;
        break;
      }
      if (p.verdict().equals(IMPROVED)) {
        verdict = IMPROVED;
      }
    }
    return new Comparison(
        SCHEMA, side(base), side(candidate), verdict, tolerances.spec(), parts, notes);
  }

  public boolean regressed() {
    return REGRESSED.equals(verdict);
  }

  private static Side side(Report r) {
    return new Side(r.runId(), r.plan(), r.status(), r.startedAt(), r.measuredSeconds());
  }

  private static Part part(
      String scenario, Figures base, Figures candidate, Tolerances t, List<String> notes) {
    Histogram b = histogram(base);
    Histogram c = histogram(candidate);
    List<Metric> metrics = new ArrayList<>();
    metrics.add(judge("throughput", "req/s", base.throughput(), candidate.throughput(), t, false));
    metrics.add(
        judge("errorRate", "%", base.errorRate() * 100, candidate.errorRate() * 100, t, true));
    boolean latency = b.getTotalCount() > 0 && c.getTotalCount() > 0;
    if (!latency) {
      notes.add(
          (scenario == null ? "all scenarios" : "scenario " + scenario)
              + ": a run has no responses, so latency is not judged");
    }
    for (String p : List.of("p50", "p90", "p99", "p999", "max")) {
      double bv = latencyMs(b, p);
      double cv = latencyMs(c, p);
      metrics.add(
          latency
              ? judgeLatency(p, bv, cv, t)
              : new Metric(p, "ms", bv, cv, cv - bv, relative(bv, cv), null, NOT_JUDGED));
    }
    String verdict = UNCHANGED;
    for (Metric m : metrics) {
      if (m.verdict().equals(REGRESSED)) {
        verdict = REGRESSED;
        break;
      }
      if (m.verdict().equals(IMPROVED)) {
        verdict = IMPROVED;
      }
    }
    return new Part(scenario, verdict, metrics, distribution(b), distribution(c));
  }

  private static Histogram histogram(Figures f) {
    if (f.latencyHistogram() == null) {
      return new Histogram(io.salvo.stats.RequestStats.SIGNIFICANT_DIGITS);
    }
    return Histograms.decode(f.latencyHistogram());
  }

  private static double latencyMs(Histogram h, String metric) {
    if (h.getTotalCount() == 0) {
      return 0;
    }
    return switch (metric) {
          case "p50" -> h.getValueAtPercentile(50);
          case "p90" -> h.getValueAtPercentile(90);
          case "p99" -> h.getValueAtPercentile(99);
          case "p999" -> h.getValueAtPercentile(99.9);
          default -> h.getMaxValue();
        }
        / 1000.0;
  }

  private static Double relative(double base, double candidate) {
    return base == 0 ? null : (candidate - base) / base * 100;
  }

  /**
   * Judges throughput (higher is better, relative tolerance) or the error rate (lower is better,
   * tolerance in points). A change exactly at the tolerance is unchanged.
   */
  static Metric judge(
      String name, String unit, double base, double candidate, Tolerances t, boolean points) {
    Double tol = t.limit(name);
    double delta = candidate - base;
    Double rel = relative(base, candidate);
    if (tol == null) {
      return new Metric(name, unit, base, candidate, delta, rel, null, NOT_JUDGED);
    }
    String verdict;
    if (points) {
      verdict = delta > tol + EPSILON ? REGRESSED : delta < -tol - EPSILON ? IMPROVED : UNCHANGED;
    } else if (rel == null) {
      verdict = candidate > 0 ? IMPROVED : UNCHANGED;
    } else {
      verdict = rel < -tol - EPSILON ? REGRESSED : rel > tol + EPSILON ? IMPROVED : UNCHANGED;
    }
    return new Metric(name, unit, base, candidate, delta, rel, tol, verdict);
  }

  /**
   * Judges a latency figure (lower is better): a change smaller than the floor never counts; past
   * it, the relative change is held against the tolerance (a base of 0 ms counts as any rise).
   */
  static Metric judgeLatency(String name, double base, double candidate, Tolerances t) {
    Double tol = t.limit(name);
    double delta = candidate - base;
    Double rel = relative(base, candidate);
    if (tol == null) {
      return new Metric(name, "ms", base, candidate, delta, rel, null, NOT_JUDGED);
    }
    String verdict;
    if (Math.abs(delta) < t.floorMs() - EPSILON) {
      verdict = UNCHANGED;
    } else if (rel == null) {
      verdict = delta > 0 ? REGRESSED : UNCHANGED;
    } else {
      verdict = rel > tol + EPSILON ? REGRESSED : rel < -tol - EPSILON ? IMPROVED : UNCHANGED;
    }
    return new Metric(name, "ms", base, candidate, delta, rel, tol, verdict);
  }

  /**
   * The percentile distribution HdrHistogram prints ({@code outputPercentileDistribution}): five
   * steps per halving of the distance to 100%, up to the largest value; the 100% point itself is
   * left out (it has no place on a {@code 1/(1-p)} axis; the max is in the metrics).
   */
  static List<double[]> distribution(Histogram h) {
    List<double[]> out = new ArrayList<>();
    if (h.getTotalCount() == 0) {
      return out;
    }
    for (HistogramIterationValue v : h.percentiles(5)) {
      double p = v.getPercentileLevelIteratedTo();
      if (p >= 100) {
        break;
      }
      out.add(new double[] {p, v.getValueIteratedTo() / 1000.0});
    }
    return out;
  }
}
