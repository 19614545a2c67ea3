package io.acrauditor.report;

import io.acrauditor.findings.AuditResult;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;

/** {@code findings.json}: the whole audit result, for machines; see {@link FindingsDocument}. */
public final class JsonReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.json";

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  @Override
  public byte[] render(AuditResult result) {
    try {
      String json = ReportJson.MAPPER.writeValueAsString(FindingsDocument.of(result));
      return (json + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JacksonException e) {
      throw new ReportRenderException(FILE_NAME, e.getOriginalMessage(), e);
    }
  }
}
