package io.salvo.coordinator.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a caller of the API may do. Each role includes the ones before it: a viewer reads runs,
 * reports, plans' names and agents; an operator also uploads plans, reads their sources, starts and
 * stops runs; an admin also manages users, API tokens and the target allow-list.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** The role's name in the API, in {@code @RolesAllowed} and in the database. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The container roles a caller with this role holds: this one and every lower one. */
  public Set<String> grants() {
    return Arrays.stream(values())
        .filter(r -> r.compareTo(this) <= 0)
        .map(Role::id)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The highest role a caller holds, asked role by role (such as {@code
   * SecurityContext::isUserInRole}); empty when it holds none.
   */
  public static Optional<Role> highest(Predicate<String> holds) {
    for (int i = values().length - 1; i >= 0; i--) {
      if (holds.test(values()[i].id())) {
        return Optional.of(values()[i]);
      }
    }
    return Optional.empty();
  }

  /**
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role of(String id) {
    if (id != null) {
      for (Role r : values()) {
        if (r.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException(
        "role must be one of viewer, operator, admin, was "
            + (id == null ? "missing" : "'" + id + "'"));
  }
}
