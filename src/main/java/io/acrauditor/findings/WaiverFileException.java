package io.acrauditor.findings;

/**
 * A waiver file that cannot be used. The message is one line naming the file, the line and the
 * field, so the CLI prints it as it is and exits 2 before anything is audited.
 */
public class WaiverFileException extends RuntimeException {
  public WaiverFileException(String message) {
    super(message);
  }
}
