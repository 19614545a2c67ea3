package io.acrauditor.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader sees either the old content or the complete new content, never a
 * half-written file: the bytes go to a hidden temporary file in the same directory (same file
 * system, so the rename can be atomic), are forced to disk, and the file is then renamed over the
 * target.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Creates {@code dir} and its parents (those it creates readable only by this user, as the
   * reports are), and proves a file can be created in it.
   */
  public static Path createDirectory(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(absolute);
      }
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

  /** Writes {@code content} to a file; see {@link #write(Path, IoConsumer)}. */
  public static void write(Path target, byte[] content) {
    write(target, out -> out.write(content));
  }

  /**
   * Writes a file as {@code content} produces it, without holding it in memory: the bytes stream
   * into the temporary file, which replaces {@code target} only once {@code content} has returned
   * and the bytes are on disk. When {@code content} throws (an {@link IOException}, or anything
   * else, such as a rendering error or running out of memory half way), the temporary file is
   * deleted, nothing appears at {@code target} and an existing {@code target} is left as it was.
   *
   * @throws OutputNotWritableException when the file cannot be written or moved into place
   */
  public static void write(Path target, IoConsumer<OutputStream> content) {
    try (Staged staged = stage(target, content)) {
      staged.commit();
    }
  }

  /**
   * Writes the temporary file of {@code target} as {@link #write(Path, IoConsumer)} does, but
   * leaves it staged: {@link Staged#commit()} moves it into place, {@link Staged#close()} deletes
   * it unless it was committed. Lets a caller write several files completely before any of them
   * appears.
   */
  public static Staged stage(Path target, IoConsumer<OutputStream> content) {
    return stage(target, OutputLimit.maxBytes(), content);
  }

  /**
   * As {@link #stage(Path, IoConsumer)}, failing with {@link OutputTooLargeException} when the
   * content passes {@code maxBytes} ({@link OutputLimit} for every report and state file).
   */
  public static Staged stage(Path target, long maxBytes, IoConsumer<OutputStream> content) {
    Path absolute = target.toAbsolutePath().normalize();
    Path temp = null;
    boolean complete = false;
    try {
      temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".partial");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        // Closing is ours to do after the force: writers such as Jackson close their target when
        // they finish, and a closed channel can no longer be forced to disk.
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        content.accept(new KeptOpen(OutputLimit.bound(out, absolute, maxBytes)));
        out.flush();
        channel.force(true);
      }
      complete = true;
      return new Staged(absolute, temp);
    } catch (RuntimeException e) {
      // Jackson and template engines wrap what the stream threw.
      OutputLimit.Exceeded exceeded = OutputLimit.exceeded(e);
      throw exceeded != null ? new OutputTooLargeException(exceeded) : e;
    } catch (OutputLimit.Exceeded e) {
      throw new OutputTooLargeException(e);
    } catch (IOException e) {
      throw new OutputNotWritableException(absolute, reason(e), e);
    } finally {
      if (!complete) {
        deleteQuietly(temp);
      }
    }
  }

  private static final int BUFFER = 64 * 1024;

  /** Something that writes to a stream and may fail doing so. */
  @FunctionalInterface
  public interface IoConsumer<T> {
    void accept(T t) throws IOException;
  }

  /** A complete temporary file waiting to replace its target. */
  public static final class Staged implements AutoCloseable {
    private final Path target;
    private Path temp;

    private Staged(Path target, Path temp) {
      this.target = target;
      this.temp = temp;
    }

    public Path target() {
      return target;
    }

    /** The complete temporary file, for reading it back before it is committed. */
    public Path file() {
      if (temp == null) {
        throw new IllegalStateException(target + " was already committed or discarded");
      }
      return temp;
    }

    /** Moves the file into place; returns the target. */
    public Path commit() {
      if (temp == null) {
        throw new IllegalStateException(target + " was already committed or discarded");
      }
      try {
        move(temp, target);
        temp = null;
      } catch (IOException e) {
        throw new OutputNotWritableException(target, reason(e), e);
      }
      return target;
    }

    /** Deletes the temporary file unless it was committed. */
    @Override
    public void close() {
      deleteQuietly(temp);
      temp = null;
    }
  }

  /** Passes writes through and turns {@code close} into {@code flush}. */
  private static final class KeptOpen extends FilterOutputStream {
    KeptOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      // FilterOutputStream would write byte by byte.
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
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
