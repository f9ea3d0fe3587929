package io.salvo.coordinator.access;

import java.util.Locale;
import java.util.Set;

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
    return switch (this) {
      case VIEWER -> Set.of("viewer");
      case OPERATOR -> Set.of("viewer", "operator");
      case ADMIN -> Set.of("viewer", "operator", "admin");
    };
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
