package io.acrauditor.inventory.index;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.RoleDefinition;
import java.util.List;

/**
 * A role assignment with its role definition and the registries it covers. What it grants on a
 * registry depends only on that registry's role assignment mode, so two values cover every
 * registry; the covered list is shared with every assignment of the same scope. Both matter when
 * an estate holds hundreds of thousands of assignments.
 */
record ResolvedAssignment(
    RoleAssignment assignment, RoleDefinition role, String scopeLevel, List<Registry> registries,
    Grants legacyGrants, Grants abacGrants) {

  Grants grantsOn(Registry registry) {
    return RoleGrants.ABAC_MODE.equalsIgnoreCase(registry.roleAssignmentMode()) ? abacGrants : legacyGrants;
  }

  boolean covers(Registry registry) {
    for (Registry r : registries) {
      if (r == registry) {
        return true;
      }
    }
    return false;
  }

  /** Union over the covered registries. */
  Grants grants() {
    Grants union = null;
    for (Registry registry : registries) {
      Grants g = grantsOn(registry);
      union = union == null ? g : union.or(g);
    }
    return union == null ? Grants.NONE : union;
  }

  String roleName() {
    if (role != null && role.roleName() != null) {
      return role.roleName();
    }
    return AzureIds.lastSegment(assignment.roleDefinitionId());
  }
}
