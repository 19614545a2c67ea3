package io.acrauditor.inventory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a snapshot as evidence. The file appears under its name only once complete, so a reader
 * never mistakes a half-written snapshot for the real one.
 */
public final class SnapshotWriter {
  private SnapshotWriter() {}

  public static void write(Snapshot snapshot, Path file) {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + file.getFileName(), ".partial");
      try (OutputStream out = Files.newOutputStream(temp)) {
        SnapshotJson.mapper().writeValue(out, snapshot);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("cannot write snapshot " + file + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The original failure is the one worth reporting.
      }
    }
  }
}
