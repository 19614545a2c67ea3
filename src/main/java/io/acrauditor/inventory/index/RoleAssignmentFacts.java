package io.acrauditor.inventory.index;

import java.util.List;

/**
 * Facts joined onto a role assignment subject. Only assignments that cover at least one registry
 * in the inventory become subjects.
 *
 * @param scopeLevel {@code managementGroup}, {@code subscription}, {@code resourceGroup}, {@code
 *     registry}, or {@code repository} (registry scope with an ABAC condition)
 * @param registries the registries the scope covers
 */
public record RoleAssignmentFacts(
    String scopeLevel, RoleFacts role, PrincipalRef principal, List<RegistryRef> registries) {}
