package io.acrauditor.collect;

import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotJson;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Live Azure, read-only. The collected snapshot is written as evidence and read back through the
 * same validating reader as a file, so an audit of the live estate and an audit of the snapshot
 * that {@code collect} wrote for it see exactly the same inventory.
 *
 * <p>The audit job does not call {@link #collect}: it reads the inventory in partitions of {@code
 * partitionSize} subscriptions through {@link AzureCollector#open} and hands the merged snapshot
 * to {@link #keep}.
 */
public record LiveAzureInput(CollectOptions options, CollectProgress progress, int partitionSize)
    implements SnapshotInput {
  public static final int DEFAULT_PARTITION_SIZE = 50;

  public LiveAzureInput {
    if (partitionSize < 1) {
      throw new IllegalArgumentException("A partition holds at least one subscription, not " + partitionSize);
    }
  }

  public LiveAzureInput(CollectOptions options, CollectProgress progress) {
    this(options, progress, DEFAULT_PARTITION_SIZE);
  }

  @Override
  public CollectedSnapshot collect(Path evidence, Consumer<RoleAssignment> roleAssignments) {
    return keep(evidence, new AzureCollector(progress, Clock.systemUTC()).collect(options), roleAssignments);
  }

  /**
   * Puts a snapshot collected from this input at {@code evidence}, validated and hashed; its role
   * assignments, as read back, go to {@code roleAssignments}.
   */
  public CollectedSnapshot keep(Path evidence, Snapshot collected, Consumer<RoleAssignment> roleAssignments) {
    return Evidence.capture(evidence, out -> SnapshotJson.mapper().writeValue(out, collected),
        "snapshot collected from " + describe(), roleAssignments);
  }

  @Override
  public String kind() {
    return "azure";
  }

  @Override
  public String describe() {
    return options.allSubscriptions()
        ? "all subscriptions"
        : options.subscriptions().size() + " subscription(s): " + String.join(", ", options.subscriptions());
  }
}
