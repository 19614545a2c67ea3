package io.acrauditor.inventory.index;

import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.RoleDefinition;
import java.util.Map;

/**
 * A role assignment with its role definition and what it grants on each registry it covers
 * (keyed by registry id key, in inventory order).
 */
record ResolvedAssignment(
    RoleAssignment assignment, RoleDefinition role, String scopeLevel, Map<String, Registry> registries,
    Map<String, Grants> grantsByRegistry) {

  Grants grantsOn(String registryId) {
    return grantsByRegistry.getOrDefault(AzureIds.key(registryId), Grants.NONE);
  }

  /** Union over the covered registries. */
  Grants grants() {
    return grantsByRegistry.values().stream().reduce(Grants::or).orElse(Grants.NONE);
  }

  String roleName() {
    if (role != null && role.roleName() != null) {
      return role.roleName();
    }
    return AzureIds.lastSegment(assignment.roleDefinitionId());
  }
}
