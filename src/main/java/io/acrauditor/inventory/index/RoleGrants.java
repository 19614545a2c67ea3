package io.acrauditor.inventory.index;

import io.acrauditor.inventory.RoleDefinition;
import java.util.List;

/**
 * What a role definition lets its holder do on a registry.
 *
 * <p>Which permissions count depends on the registry's role assignment mode: a registry in
 * {@code AbacRepositoryPermissions} mode honours only the repository data actions (AcrPull and
 * AcrPush no longer grant anything there), a legacy registry only the registry actions.
 */
final class RoleGrants {
  static final String ABAC_MODE = "AbacRepositoryPermissions";
  static final String LEGACY_MODE = "LegacyRegistryPermissions";

  /**
   * Grants by role, mode and whether a condition scopes them: a handful of distinct values however
   * many assignments share them, so each is computed once and shared.
   */
  static final class Cache {
    private final java.util.Map<String, Grants> grants = new java.util.HashMap<>();

    /** @param conditioned the assignment carries an ABAC condition: only whether, not which, matters */
    Grants of(RoleDefinition role, String mode, boolean conditioned) {
      String key = (role == null ? "-" : role.id() + "|" + role.name()) + "|" + mode + "|" + conditioned;
      return grants.computeIfAbsent(key, k -> on(role, mode, conditioned));
    }
  }

  private static final String PULL = "Microsoft.ContainerRegistry/registries/pull/read";
  private static final String PUSH = "Microsoft.ContainerRegistry/registries/push/write";
  private static final String DELETE = "Microsoft.ContainerRegistry/registries/artifacts/delete";
  private static final String CONTENT_READ = "Microsoft.ContainerRegistry/registries/repositories/content/read";
  private static final String CONTENT_WRITE = "Microsoft.ContainerRegistry/registries/repositories/content/write";
  private static final String CONTENT_DELETE = "Microsoft.ContainerRegistry/registries/repositories/content/delete";
  private static final String MANAGE = "Microsoft.ContainerRegistry/registries/write";
  private static final String ASSIGN_ROLES = "Microsoft.Authorization/roleAssignments/write";
  private static final String LIST_CREDENTIALS = "Microsoft.ContainerRegistry/registries/listCredentials/action";

  private RoleGrants() {}

  static Grants on(RoleDefinition role, String roleAssignmentMode, boolean conditioned) {
    if (role == null) {
      return Grants.NONE;
    }
    List<RoleDefinition.Permission> permissions = role.permissions() == null ? List.of() : role.permissions();
    boolean abac = ABAC_MODE.equalsIgnoreCase(roleAssignmentMode);
    boolean pull = abac ? data(permissions, CONTENT_READ) : control(permissions, PULL);
    boolean push = abac ? data(permissions, CONTENT_WRITE) : control(permissions, PUSH);
    boolean delete = abac ? data(permissions, CONTENT_DELETE) : control(permissions, DELETE);
    boolean scoped = abac && conditioned;
    return new Grants(
        pull,
        push,
        delete,
        control(permissions, MANAGE),
        control(permissions, ASSIGN_ROLES),
        control(permissions, LIST_CREDENTIALS),
        scoped);
  }

  private static boolean control(List<RoleDefinition.Permission> permissions, String action) {
    for (RoleDefinition.Permission p : permissions) {
      if (anyMatch(p.actions(), action) && !anyMatch(p.notActions(), action)) {
        return true;
      }
    }
    return false;
  }

  private static boolean data(List<RoleDefinition.Permission> permissions, String action) {
    for (RoleDefinition.Permission p : permissions) {
      if (anyMatch(p.dataActions(), action) && !anyMatch(p.notDataActions(), action)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyMatch(List<String> patterns, String action) {
    if (patterns == null) {
      return false;
    }
    for (String pattern : patterns) {
      if (ActionPattern.matches(pattern, action)) {
        return true;
      }
    }
    return false;
  }
}
