package io.acrauditor.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader sees either the old content or the complete new content, never a
 * half-written file: the bytes go to a hidden temporary file in the same directory (same file
 * system, so the rename can be atomic), are forced to disk, and the file is then renamed over the
 * target.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Creates {@code dir} and its parents, and proves a file can be created in it. */
  public static Path createDirectory(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new OutputNotWritableException(absolute, reason(e), e);
    }
    // A directory can exist and still refuse files (read-only mount, permissions); find out now,
    // not after the audit has run.
    try {
      Path probe = Files.createTempFile(absolute, ".write-probe-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new OutputNotWritableException(absolute, reason(e), e);
    }
    return absolute;
  }

  public static void write(Path target, byte[] content) {
    Path absolute = target.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".partial");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      move(temp, absolute);
      temp = null;
    } catch (IOException e) {
      throw new OutputNotWritableException(absolute, reason(e), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Some network and FUSE file systems cannot rename atomically; a plain replace still never
      // exposes a partially written file, it only loses atomicity against a concurrent reader.
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // The write already failed and that failure is what the caller must see.
    }
  }

  /** A reason a person can act on; the exception class names of NIO are not one. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory" + detail(e);
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name exists and is not a directory" + detail(e);
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String detail(IOException e) {
    return e instanceof FileSystemException fse && fse.getFile() != null ? " (" + fse.getFile() + ")" : "";
  }
}
