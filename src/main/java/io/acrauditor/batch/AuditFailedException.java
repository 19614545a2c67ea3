package io.acrauditor.batch;

/**
 * The audit could not be completed; the cause says why (bad input, unwritable output, ...).
 * {@code restartableRunId} is set when the run got past collection, so that {@code audit
 * --restart} can finish it without collecting again.
 */
public final class AuditFailedException extends RuntimeException {
  private final String restartableRunId;

  public AuditFailedException(Throwable cause) {
    this(cause, null);
  }

  public AuditFailedException(Throwable cause, String restartableRunId) {
    super(cause.getMessage(), cause);
    this.restartableRunId = restartableRunId;
  }

  public String restartableRunId() {
    return restartableRunId;
  }
}
