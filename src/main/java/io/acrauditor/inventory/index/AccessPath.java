package io.acrauditor.inventory.index;

import java.util.List;

/**
 * One way an identity can pull from a registry. {@code path}: {@code rbac}, {@code abac-repository}
 * (pull limited to repositories by a condition), {@code token}, {@code admin-user}, {@code
 * anonymous}, or {@code may-cover} (an assignment at a management group whose tree could not be
 * read: the registry may be beneath it or not, so this is no established access). {@code scope} and {@code scopeLevel} say where the grant sits; {@code lastSeen} is
 * the last pull or login in the logs, null when never seen or unknown. {@code kubeletOf} names
 * the clusters whose kubelet identity this is (empty when none); {@code principalExists} is false
 * for a principal the directory no longer has (deleted), null when the directory could not be read
 * (a coverage gap) or the path has no principal (token, admin user, anonymous). {@code viaGroup}
 * names the group whose role assignment this identity holds as a (direct or nested) member; null
 * for an identity's own grant.
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
    String lastSeen,
    List<String> kubeletOf,
    Boolean principalExists,
    String viaGroup) {

  public AccessPath {
    kubeletOf = kubeletOf == null ? List.of() : List.copyOf(kubeletOf);
  }

  /** An identity's own grant, not one through a group. */
  public AccessPath(
      String registryId, String registryName, String identity, String identityId, String identityType, String path,
      String role, String scope, String scopeLevel, boolean beyondPull, String lastSeen, List<String> kubeletOf,
      Boolean principalExists) {
    this(registryId, registryName, identity, identityId, identityType, path, role, scope, scopeLevel, beyondPull,
        lastSeen, kubeletOf, principalExists, null);
  }

  /** A path whose identity is no kubelet and whose existence is not in question. */
  public AccessPath(
      String registryId, String registryName, String identity, String identityId, String identityType, String path,
      String role, String scope, String scopeLevel, boolean beyondPull, String lastSeen) {
    this(registryId, registryName, identity, identityId, identityType, path, role, scope, scopeLevel, beyondPull,
        lastSeen, List.of(), null, null);
  }
}
