package io.acrauditor.files;

/**
 * An output file would pass {@link OutputLimit}: the input or a template is at fault, not the
 * disk, so this is not an {@link OutputNotWritableException}. Nothing is left at the file's name.
 */
public class OutputTooLargeException extends RuntimeException {
  public OutputTooLargeException(OutputLimit.Exceeded cause) {
    super(cause.getMessage(), cause);
  }
}
