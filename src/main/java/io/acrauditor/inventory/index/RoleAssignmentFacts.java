package io.acrauditor.inventory.index;

import java.util.List;

/**
 * Facts joined onto a role assignment subject. Only assignments that cover (or may cover) a registry
 * in the inventory become subjects.
 *
 * @param scopeLevel {@code managementGroup}, {@code subscription}, {@code resourceGroup}, {@code
 *     registry}, or {@code repository} (registry scope with an ABAC condition)
 * @param role the role; its {@code grants} are what it allows on any of the covered registries
 * @param registries the registries the scope covers, each with what the assignment grants there
 * @param mayCover registries a management group scope may cover: their subscription's place in
 *     the management group tree could not be read (a coverage gap), so the assignment is not
 *     counted as covering them
 */
public record RoleAssignmentFacts(
    String scopeLevel, RoleFacts role, PrincipalRef principal, List<CoveredRegistry> registries,
    List<RegistryRef> mayCover) {}
