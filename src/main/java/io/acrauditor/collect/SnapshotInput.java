package io.acrauditor.collect;

import java.nio.file.Path;

/** Where an audit's inventory comes from: a snapshot file, the bundled demo estate, or Azure. */
public interface SnapshotInput {
  /**
   * Puts the inventory's bytes at {@code evidence} (only once they are known to be a valid
   * snapshot) and returns what they hold.
   */
  CollectedSnapshot collect(Path evidence);

  /** For the run metadata: {@code file}, {@code demo} or {@code azure}. */
  String kind();

  /** What a person would call it in a message: a path, "the demo estate", a scope. */
  String describe();
}
