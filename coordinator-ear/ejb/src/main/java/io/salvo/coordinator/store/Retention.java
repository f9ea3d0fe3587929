package io.salvo.coordinator.store;

import io.salvo.plan.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which runs a retention policy removes: finished runs that are not a plan's baseline and are
 * either beyond the newest {@code keepPerPlan} such runs of their plan or older than {@code
 * maxAge}. Runs in progress and baselines are always kept. Plain Java.
 */
public final class Retention {
  /**
   * @param keepPerPlan how many finished runs of each plan to keep (baselines besides), or null
   * @param maxAge how old a finished run may get, or null
   */
  public record Policy(Integer keepPerPlan, Duration maxAge) {
    public static final Policy NONE = new Policy(null, null);

    public boolean none() {
      return keepPerPlan == null && maxAge == null;
    }

    /**
     * Reads a policy; either part may be null or blank.
     *
     * @throws IllegalArgumentException naming the part that cannot be read
     */
    public static Policy of(String keepPerPlan, String maxAge) {
      Integer keep = null;
      if (keepPerPlan != null && !keepPerPlan.isBlank()) {
        try {
          keep = Integer.valueOf(keepPerPlan.trim());
        } catch (NumberFormatException e) {
          keep = -1;
        }
        if (keep < 0) {
          throw new IllegalArgumentException(
              "keepPerPlan must be a whole number >= 0, was '" + keepPerPlan + "'");
        }
      }
      Duration age = null;
      if (maxAge != null && !maxAge.isBlank()) {
        String a = maxAge.trim();
        try {
          age =
              a.matches("\\d{1,5}d")
                  ? Duration.ofDays(Long.parseLong(a.substring(0, a.length() - 1)))
                  : Durations.parse(a);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "olderThan must be days (30d) or a duration (12h), was '" + maxAge + "'");
        }
      }
      return new Policy(keep, age);
    }
  }

  /** What the policy needs to know of a run. */
  public record Candidate(String id, String plan, Instant createdAt, boolean finished) {}

  private Retention() {}

  /** The ids of the runs the policy removes, oldest first. */
  public static List<String> select(
      List<Candidate> runs, Set<String> baselines, Policy policy, Instant now) {
    List<Candidate> removable = new ArrayList<>();
    for (Candidate c : runs) {
      if (c.finished() && !baselines.contains(c.id())) {
        removable.add(c);
      }
    }
    removable.sort(Comparator.comparing(Candidate::createdAt).reversed());
    Map<String, Integer> seen = new HashMap<>();
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : removable) {
      int rank = seen.merge(c.plan(), 1, Integer::sum) - 1;
      boolean beyond = policy.keepPerPlan() != null && rank >= policy.keepPerPlan();
      boolean old = policy.maxAge() != null && c.createdAt().isBefore(now.minus(policy.maxAge()));
      if (beyond || old) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparing(Candidate::createdAt));
    return out.stream().map(Candidate::id).toList();
  }
}
