package io.acrauditor.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Folders and files of a run that only the auditor's user may read (folders 0700, files 0600, as
 * the reports are), and that are never reached through a symbolic link: a link planted as
 * {@code .state} or {@code .state/findings.jsonl} in a predictable run folder would otherwise make
 * the audit write wherever the link points. A file is created with O_EXCL semantics and without
 * following links; a folder that exists must be a real folder owned by the auditor's user.
 */
public final class PrivateFiles {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** True when {@code dir} does not exist or holds nothing. */
  public static boolean isAbsentOrEmpty(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new OutputNotWritableException(dir, AtomicFiles.reason(e), e);
    }
  }

  /**
   * Creates {@code dir} (and missing parents) readable only by this user, or checks that the
   * existing one is a real folder, not a link, owned by this user.
   */
  public static Path directory(Path dir) {
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
      directory(parent);
    }
    return checkOrCreate(dir);
  }

  /**
   * {@code base/names...}, each folder below {@code base} created or checked as {@link #directory}
   * does: a link at any step inside the run folder is refused, not just at the last one.
   */
  public static Path directoryIn(Path base, String... names) {
    Path dir = base;
    for (String name : names) {
      dir = checkOrCreate(dir.resolve(name));
    }
    return dir;
  }

  private static Path checkOrCreate(Path dir) {
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        return POSIX ? Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER)) : Files.createDirectory(dir);
      }
      BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        throw new OutputNotWritableException(dir, LINK, null);
      }
      if (!attributes.isDirectory()) {
        throw new OutputNotWritableException(dir, "a file of that name exists and is not a directory", null);
      }
      requireOwned(dir);
      return dir;
    } catch (IOException e) {
      throw new OutputNotWritableException(dir, AtomicFiles.reason(e), e);
    }
  }

  /** {@link #directory} and, when it is ours, tightens an existing folder to 0700. */
  public static Path privateDirectory(Path dir) {
    directory(dir);
    if (POSIX) {
      try {
        Files.setPosixFilePermissions(dir, FOLDER);
      } catch (IOException e) {
        throw new OutputNotWritableException(dir, AtomicFiles.reason(e), e);
      }
    }
    return dir;
  }

  /**
   * A new file at {@code file}, 0600, opened for writing. A regular file already there (an earlier
   * attempt's) is replaced; a link or anything else is refused, and the file is created with
   * O_EXCL, so a link planted between the check and the creation makes it fail, not follow.
   */
  public static OutputStream create(Path file) {
    try {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
          throw new OutputNotWritableException(file, attributes.isSymbolicLink() ? LINK : "not a regular file", null);
        }
        Files.delete(file);
      }
      Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      FileAttribute<?>[] attributes = POSIX
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
          : new FileAttribute<?>[0];
      return Channels.newOutputStream(Files.newByteChannel(file, options, attributes));
    } catch (IOException e) {
      throw new OutputNotWritableException(file, AtomicFiles.reason(e), e);
    }
  }

  /** A state file to read back: it must be a regular file, not a link to one. */
  public static boolean isRegularFile(Path file) {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
  }

  private static final String LINK = "is a symbolic link; the auditor does not write through links in a run folder";

  /** Linux names the process's user as the owner of /proc/self; elsewhere the check is skipped. */
  private static void requireOwned(Path dir) throws IOException {
    Path self = Path.of("/proc/self");
    if (!POSIX || !Files.exists(self)) {
      return;
    }
    Object me = Files.getAttribute(self, "unix:uid");
    Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    if (!me.equals(owner)) {
      throw new OutputNotWritableException(dir, "owned by uid " + owner + ", not by this user (uid " + me + ")", null);
    }
  }
}
