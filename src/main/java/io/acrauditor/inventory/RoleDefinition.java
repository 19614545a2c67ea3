package io.acrauditor.inventory;

import java.util.List;

/**
 * A role definition (Microsoft.Authorization/roleDefinitions). {@code name} is the GUID, {@code
 * roleName} the display name, {@code type} {@code BuiltInRole} or {@code CustomRole}.
 */
public record RoleDefinition(
    String id,
    String name,
    String roleName,
    String type,
    String description,
    List<Permission> permissions,
    List<String> assignableScopes) {

  public record Permission(
      List<String> actions, List<String> notActions, List<String> dataActions, List<String> notDataActions) {}
}
