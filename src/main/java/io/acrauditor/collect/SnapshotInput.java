package io.acrauditor.collect;

import io.acrauditor.inventory.RoleAssignment;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Where an audit's inventory comes from: a snapshot file, the bundled demo estate, or Azure. */
public interface SnapshotInput {
  /**
   * Puts the inventory's bytes at {@code evidence} (only once they are known to be a valid
   * snapshot) and returns what they hold, except the role assignments: those go to {@code
   * roleAssignments} one at a time as they are read back, so that no caller has to hold them all.
   */
  CollectedSnapshot collect(Path evidence, Consumer<RoleAssignment> roleAssignments);

  /** For the run metadata: {@code file}, {@code demo} or {@code azure}. */
  String kind();

  /** What a person would call it in a message: a path, "the demo estate", a scope. */
  String describe();
}
