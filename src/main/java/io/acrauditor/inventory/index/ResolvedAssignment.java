package io.acrauditor.inventory.index;

import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.RoleDefinition;
import io.acrauditor.inventory.ServiceDefaults;
import java.util.List;

/**
 * What the index keeps of a role assignment: who, where, which role, the registries it covers and
 * what it grants there. Not the assignment itself: an estate holds hundreds of thousands, and
 * their ids, names and dates matter only to the rules, which get the record read again from the
 * snapshot. The strings are shared between assignments (see {@link Interner}); what it grants on a
 * registry depends only on that registry's role assignment mode, so two values cover every
 * registry; the covered list is shared with every assignment of the same scope.
 */
record ResolvedAssignment(
    String principalId, String principalType, String scope, String roleDefinitionId, RoleDefinition role,
    String scopeLevel, List<Registry> registries, List<Registry> mayCover, Grants legacyGrants, Grants abacGrants) {

  Grants grantsOn(Registry registry) {
    return RoleGrants.ABAC_MODE.equalsIgnoreCase(
        ServiceDefaults.effective(Registry.class, "roleAssignmentMode", registry.roleAssignmentMode()))
        ? abacGrants : legacyGrants;
  }

  boolean covers(Registry registry) {
    for (Registry r : registries) {
      if (r == registry) {
        return true;
      }
    }
    return false;
  }

  /** What it allows on any covered registry (each registry's own grants are {@link #grantsOn}). */
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
    return AzureIds.lastSegment(roleDefinitionId);
  }
}
