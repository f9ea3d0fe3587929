package io.salvo.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Which HTTP statuses a request step accepts; any other status counts as a failed check. Written as
 * {@code 200}, {@code [200, 204]}, {@code 2xx} or {@code 200-299}. Without one, any status below
 * 400 passes.
 */
public record StatusExpectation(List<Range> ranges) {
  /** An inclusive range of statuses. */
  public record Range(int from, int to) {
    public Range {
      if (from < 100 || to > 599 || from > to) {
        throw new PlanRuleException("", "must be HTTP statuses between 100 and 599");
      }
    }

    @Override
    public String toString() {
      if (from == to) {
        return Integer.toString(from);
      }
      if (from % 100 == 0 && to == from + 99) {
        return (from / 100) + "xx";
      }
      return from + "-" + to;
    }
  }

  public static final StatusExpectation BELOW_400 =
      new StatusExpectation(List.of(new Range(100, 399)));

  public StatusExpectation {
    ranges = Rules.nonEmpty("status", ranges);
  }

  /** Parses one element: {@code 200}, {@code 2xx} or {@code 200-299}. */
  public static Range parseRange(String text) {
    String s = text.trim().toLowerCase();
    try {
      if (s.matches("[1-5]xx")) {
        int c = (s.charAt(0) - '0') * 100;
        return new Range(c, c + 99);
      }
      int dash = s.indexOf('-');
      if (dash > 0) {
        return new Range(
            Integer.parseInt(s.substring(0, dash).trim()),
            Integer.parseInt(s.substring(dash + 1).trim()));
      }
      int status = Integer.parseInt(s);
      return new Range(status, status);
    } catch (NumberFormatException | PlanRuleException e) {
      throw new PlanRuleException(
          "status", "must be a status such as 200, 2xx or 200-299, was '" + text + "'");
    }
  }

  public static StatusExpectation of(int... statuses) {
    List<Range> ranges = new ArrayList<>();
    for (int s : statuses) {
      ranges.add(new Range(s, s));
    }
    return new StatusExpectation(ranges);
  }

  /** How reports name a failure of this check: {@code status 2xx}, {@code status < 400}. */
  public String label() {
    return equals(BELOW_400) ? "status < 400" : "status " + this;
  }

  public boolean accepts(int status) {
    for (Range r : ranges) {
      if (status >= r.from && status <= r.to) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return ranges.size() == 1 ? ranges.get(0).toString() : ranges.toString();
  }
}
