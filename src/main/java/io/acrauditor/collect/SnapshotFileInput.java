package io.acrauditor.collect;

import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.SnapshotException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A snapshot written earlier by {@code collect}, or by hand. */
public record SnapshotFileInput(Path file) implements SnapshotInput {
  @Override
  public CollectedSnapshot collect(Path evidence, Consumer<RoleAssignment> roleAssignments) {
    if (!Files.isRegularFile(file)) {
      throw new SnapshotException(file.toString(), null, Files.exists(file) ? "is not a file" : "no such file");
    }
    return Evidence.capture(evidence, out -> Files.copy(file, out), file.toString(), roleAssignments);
  }

  @Override
  public String kind() {
    return "file";
  }

  @Override
  public String describe() {
    return file.toString();
  }
}
