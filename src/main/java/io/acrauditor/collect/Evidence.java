package io.acrauditor.collect;

import io.acrauditor.files.AtomicFiles;
import io.acrauditor.inventory.RoleAssignment;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.SnapshotReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

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

  static CollectedSnapshot capture(
      Path target, Writer writer, String sourceName, Consumer<RoleAssignment> roleAssignments) {
    MessageDigest sha = sha256();
    // Not bounded as reports are: the snapshot reader right after holds it to the evidence limits.
    try (AtomicFiles.Staged staged = AtomicFiles.stage(target, Long.MAX_VALUE,
        out -> writer.writeTo(new DigestOutputStream(out, sha)))) {
      Snapshot snapshot = new SnapshotReader().read(staged.file(), sourceName, roleAssignments);
      staged.commit();
      return new CollectedSnapshot(snapshot, HexFormat.of().formatHex(sha.digest()));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
