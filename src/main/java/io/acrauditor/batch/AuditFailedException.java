package io.acrauditor.batch;

/** The audit could not be completed; the cause says why (bad input, unwritable output, ...). */
public final class AuditFailedException extends RuntimeException {
  public AuditFailedException(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}
