package io.acrauditor.collect;

import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.ManagedCluster;
import io.acrauditor.inventory.Registry;
import io.acrauditor.inventory.RoleAssignment;
import java.util.List;

/**
 * What one batch of subscriptions holds, before anything that needs every subscription is read.
 * Serialisable with {@code SnapshotJson}, so a partition can hand it to the merge through a file.
 * The role assignments are kept in read order and with duplicates: which copy of a duplicate is
 * kept is decided once all parts are in, as it would be in a single collection.
 *
 * @param clusters each cluster with the Log Analytics workspace of its Container Insights add-on,
 *     which the snapshot's cluster does not keep but the log reads need
 * @param unplacedAssignments what Resource Graph gave under no subscription of the batch
 */
public record InventoryPart(
    List<Registry> registries,
    List<Cluster> clusters,
    List<RoleAssignment> roleAssignments,
    List<Unplaced> unplacedAssignments,
    List<Coverage.Gap> gaps) {

  public InventoryPart {
    registries = List.copyOf(registries == null ? List.of() : registries);
    clusters = List.copyOf(clusters == null ? List.of() : clusters);
    roleAssignments = List.copyOf(roleAssignments == null ? List.of() : roleAssignments);
    unplacedAssignments = List.copyOf(unplacedAssignments == null ? List.of() : unplacedAssignments);
    gaps = List.copyOf(gaps == null ? List.of() : gaps);
  }

  public record Cluster(ManagedCluster cluster, String containerInsightsWorkspace) {}

  /** {@code subscription} is the lower-case id the scope names, or null when it names none. */
  public record Unplaced(String subscription, List<RoleAssignment> assignments) {}
}
