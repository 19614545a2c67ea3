package io.acrauditor.collect;

import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotJson;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Live Azure, read-only. The collected snapshot is written as evidence and read back through the
 * same validating reader as a file, so an audit of the live estate and an audit of the snapshot
 * that {@code collect} wrote for it see exactly the same inventory.
 */
public record LiveAzureInput(CollectOptions options, CollectProgress progress) implements SnapshotInput {
  @Override
  public CollectedSnapshot collect(Path evidence) {
    Snapshot collected = new AzureCollector(progress, Clock.systemUTC()).collect(options);
    return Evidence.capture(evidence, out -> SnapshotJson.mapper().writeValue(out, collected),
        "snapshot collected from " + describe());
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
