package io.acrauditor.report;

import io.acrauditor.findings.AuditResult;

/**
 * One output format. Rendering is separate from writing so that every format of a run can be
 * rendered, and fail, before any file lands in the run folder.
 */
public interface ReportWriter {

  /** The file name inside the run folder, e.g. {@code findings.json}. */
  String fileName();

  /** The complete file content. Throws {@link ReportRenderException} when the format cannot be produced. */
  byte[] render(AuditResult result);
}
