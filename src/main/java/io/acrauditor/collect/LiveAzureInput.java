package io.acrauditor.collect;

import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotJson;
import io.acrauditor.inventory.SnapshotReader;

/**
 * Live Azure, read-only. The collected snapshot is serialised and read back through the same
 * validating reader as a file, so an audit of the live estate and an audit of the snapshot that
 * {@code collect} wrote for it see exactly the same inventory.
 */
public record LiveAzureInput(CollectOptions options, CollectProgress progress) implements SnapshotInput {
  @Override
  public CollectedSnapshot collect() {
    Snapshot collected = new AzureCollector(progress, java.time.Clock.systemUTC()).collect(options);
    byte[] bytes = SnapshotJson.mapper().writeValueAsBytes(collected);
    return new CollectedSnapshot(new SnapshotReader().read(bytes, "snapshot collected from " + describe()), bytes);
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
