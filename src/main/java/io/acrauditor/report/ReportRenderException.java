package io.acrauditor.report;

/** A report could not be produced (a template error, a value the format cannot hold). */
public class ReportRenderException extends RuntimeException {
  private final String report;

  public ReportRenderException(String report, String reason, Throwable cause) {
    super("cannot render " + report + ": " + reason, cause);
    this.report = report;
  }

  /** The report or template that failed, e.g. {@code report.html} or a template file. */
  public String report() {
    return report;
  }
}
