package io.acrauditor.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.acrauditor.findings.AuditResult;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code findings.jsonl}: one finding per line, in report order, each carrying the run it belongs
 * to, so that a log shipper can send any line on its own and the receiver still knows which
 * audit, tenant and tool version raised it. The finding's fields are those of {@code
 * findings.json}.
 */
public final class JsonLinesReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.jsonl";

  /** One line: the run's context first, then the finding's own fields. */
  record Line(@JsonUnwrapped RunContext run, @JsonUnwrapped ReportedFinding finding) {}

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  @Override
  public void write(AuditResult result, OutputStream out) throws IOException {
    RunContext run = RunContext.of(result.run());
    JsonStreams.writeLines(FILE_NAME, out, FindingsDocument.reportedFindings(result).stream().map(f -> new Line(run, f)));
  }
}
