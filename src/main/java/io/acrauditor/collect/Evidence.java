package io.acrauditor.collect;

import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Puts a snapshot's bytes in place as evidence: streamed to a temporary file while hashed,
 * validated by reading them back, and only then moved to their name. An invalid snapshot leaves
 * nothing behind, and the hash is of exactly the bytes that were audited.
 */
final class Evidence {
  @FunctionalInterface
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  private Evidence() {}

  static CollectedSnapshot capture(Path target, Writer writer, String sourceName) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
        writer.writeTo(out);
      }
      Snapshot snapshot = new SnapshotReader().read(temp, sourceName);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new CollectedSnapshot(snapshot, HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The outcome above is what matters.
        }
      }
    }
  }
}
