package io.acrauditor.inventory;

import java.util.List;

/**
 * One inventory snapshot: everything the auditor knew about an estate at {@code generatedAt}.
 *
 * <p>Field names keep Azure's own property names and casing (ARM {@code properties} are flattened
 * into each resource), so a reader who knows Azure knows the snapshot. A value Azure did not
 * return stays {@code null} and is omitted from JSON; rules treat it as unknown.
 */
public record Snapshot(
    int schemaVersion,
    String generatedAt,
    String tenantId,
    SnapshotSource source,
    List<Registry> registries,
    List<ManagedCluster> clusters,
    List<RoleAssignment> roleAssignments,
    List<RoleDefinition> roleDefinitions,
    List<Principal> principals,
    List<RegistryActivity> registryActivity,
    List<ClusterPullFailure> clusterPullFailures,
    Coverage coverage) {

  public static final int CURRENT_SCHEMA_VERSION = 1;

  public Snapshot {
    registries = listOrEmpty(registries);
    clusters = listOrEmpty(clusters);
    roleAssignments = listOrEmpty(roleAssignments);
    roleDefinitions = listOrEmpty(roleDefinitions);
    principals = listOrEmpty(principals);
    registryActivity = listOrEmpty(registryActivity);
    clusterPullFailures = listOrEmpty(clusterPullFailures);
    coverage = coverage == null ? Coverage.empty() : coverage;
  }

  static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
