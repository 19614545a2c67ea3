package io.acrauditor.inventory.index;

/**
 * One way an identity can pull from a registry. {@code path}: {@code rbac}, {@code abac-repository}
 * (pull limited to repositories by a condition), {@code token}, {@code admin-user}, {@code
 * anonymous}. {@code scope} and {@code scopeLevel} say where the grant sits; {@code lastSeen} is
 * the last pull or login in the logs, null when never seen or unknown.
 */
public record AccessPath(
    String registryId,
    String registryName,
    String identity,
    String identityId,
    String identityType,
    String path,
    String role,
    String scope,
    String scopeLevel,
    boolean beyondPull,
    String lastSeen) {}
