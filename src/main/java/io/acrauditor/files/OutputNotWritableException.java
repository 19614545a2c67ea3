package io.acrauditor.files;

import java.nio.file.Path;

/** The run folder, or a file in it, could not be created or written. */
public class OutputNotWritableException extends RuntimeException {
  private final transient Path path;
  private final String reason;

  public OutputNotWritableException(Path path, String reason, Throwable cause) {
    super("cannot write " + path + ": " + reason, cause);
    this.path = path;
    this.reason = reason;
  }

  public Path path() {
    return path;
  }

  public String reason() {
    return reason;
  }
}
