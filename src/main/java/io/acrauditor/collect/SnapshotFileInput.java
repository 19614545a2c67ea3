package io.acrauditor.collect;

import io.acrauditor.inventory.SnapshotException;
import io.acrauditor.inventory.SnapshotReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A snapshot written earlier by {@code collect}, or by hand. */
public record SnapshotFileInput(Path file) implements SnapshotInput {
  @Override
  public CollectedSnapshot collect() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SnapshotException(file.toString(), null, "no such file");
    } catch (IOException e) {
      throw new SnapshotException(file.toString(), null, "cannot be read (" + e.getMessage() + ")");
    }
    return new CollectedSnapshot(new SnapshotReader().read(bytes, file.toString()), bytes);
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
