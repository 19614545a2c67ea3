package io.acrauditor.report;

import io.acrauditor.findings.AuditResult;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;

/**
 * {@code findings.json}: the whole audit result, for machines; see {@link FindingsDocument}. Every
 * access path is in it; Jackson writes them to the stream as the matrix yields them, registry by
 * registry.
 */
public final class JsonReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.json";

  // The stream belongs to the caller, who still has a newline to add and a file to force to disk.
  private static final ObjectWriter WRITER = ReportJson.MAPPER.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET);

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  @Override
  public void write(AuditResult result, OutputStream out) throws IOException {
    JsonStreams.write(FILE_NAME, () -> WRITER.writeValue(out, FindingsDocument.of(result)));
    out.write('\n');
  }
}
