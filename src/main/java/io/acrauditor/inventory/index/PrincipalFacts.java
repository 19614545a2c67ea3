package io.acrauditor.inventory.index;

import java.util.List;

/**
 * Facts joined onto a principal subject.
 *
 * @param registryRoles the roles it holds that reach a registry
 * @param homeTenantIsOther its application lives in another tenant than the audited one
 */
public record PrincipalFacts(List<RegistryRole> registryRoles, boolean homeTenantIsOther) {

  public record RegistryRole(String registryId, String registryName, String roleName, String scope, Grants grants) {}
}
