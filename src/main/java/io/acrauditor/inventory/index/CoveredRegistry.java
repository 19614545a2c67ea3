package io.acrauditor.inventory.index;

/**
 * A registry a role assignment's scope covers, and what the assignment grants on it. Grants
 * depend on the registry's own role assignment mode, so an assignment at a resource group,
 * subscription or management group can grant pull on one registry and nothing on another.
 *
 * @param roleAssignmentMode the effective mode: the service default when Azure left it out
 * @param grants what the assignment's role allows on this registry, in this registry's mode
 */
public record CoveredRegistry(
    String id, String name, String loginServer, String sku, String roleAssignmentMode, String publicNetworkAccess,
    Grants grants) {}
