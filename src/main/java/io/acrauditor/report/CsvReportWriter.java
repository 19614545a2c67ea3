package io.acrauditor.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.RunComparison.PastFinding;
import io.acrauditor.findings.Severity;
import io.acrauditor.inventory.AzureIds;
import io.acrauditor.inventory.index.SubjectRef;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * {@code findings.csv}: one row per finding for a spreadsheet, RFC 4180 (CRLF line ends, fields
 * quoted when they hold a comma, quote or line break), UTF-8 without a byte order mark, with a
 * header row. The findings of this run come first in report order, then those of the previous run
 * that are resolved.
 *
 * <p>Names come from Azure and Entra ID, where anyone who may create a token or an application
 * chooses them; a spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -}, {@code
 * @}, tab or carriage return as a formula. Such a cell is written with a leading single quote
 * (OWASP's advice against CSV injection), which spreadsheets show as text.
 */
public final class CsvReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.csv";

  private static final CsvMapper CSV = CsvMapper.builder().build();
  private static final ObjectWriter WRITER =
      CSV.writer(CSV.schemaFor(Row.class).withHeader().withLineSeparator("\r\n"))
          .without(StreamWriteFeature.AUTO_CLOSE_TARGET);

  /** The columns, in order. */
  @JsonPropertyOrder({
    "run_id", "audited_at", "severity", "rule_id", "title", "status", "subject_name", "resource_id",
    "subscription_id", "resource_group", "first_seen", "fingerprint", "message", "remediation_command"
  })
  record Row(
      @JsonProperty("run_id") String runId,
      @JsonProperty("audited_at") String auditedAt,
      @JsonProperty("severity") String severity,
      @JsonProperty("rule_id") String ruleId,
      @JsonProperty("title") String title,
      @JsonProperty("status") String status,
      @JsonProperty("subject_name") String subjectName,
      @JsonProperty("resource_id") String resourceId,
      @JsonProperty("subscription_id") String subscriptionId,
      @JsonProperty("resource_group") String resourceGroup,
      @JsonProperty("first_seen") String firstSeen,
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("message") String message,
      @JsonProperty("remediation_command") String remediationCommand) {

    /** Every cell neutralised: the constructor is the one way in. */
    Row {
      runId = cell(runId);
      auditedAt = cell(auditedAt);
      severity = cell(severity);
      ruleId = cell(ruleId);
      title = cell(title);
      status = cell(status);
      subjectName = cell(subjectName);
      resourceId = cell(resourceId);
      subscriptionId = cell(subscriptionId);
      resourceGroup = cell(resourceGroup);
      firstSeen = cell(firstSeen);
      fingerprint = cell(fingerprint);
      message = cell(message);
      remediationCommand = cell(remediationCommand);
    }
  }

  /** Status of a finding of the previous run that this run no longer raises. */
  static final String RESOLVED = "resolved";

  /** Status of a finding whose waiver applies: an accepted risk, whether new or open. */
  static final String WAIVED = "waived";

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  @Override
  public void write(AuditResult result, OutputStream out) throws IOException {
    RunContext run = RunContext.of(result.run());
    JsonStreams.write(FILE_NAME, () -> {
      try (SequenceWriter rows = WRITER.writeValues(out)) {
        for (ReportedFinding f : FindingsDocument.reportedFindings(result)) {
          SubjectRef s = f.subject() == null ? new SubjectRef(null, null, null, null, null, null) : f.subject();
          List<String> commands = f.remediation() == null ? null : f.remediation().commands();
          rows.write(new Row(run.runId(), run.auditedAt(), label(f.severity()), f.ruleId(), f.title(),
              f.isWaived() ? WAIVED : f.status(),
              s.name(), s.resourceId(), s.subscriptionId(), s.resourceGroup(), f.firstSeen(), f.fingerprint(),
              f.message(), commands == null || commands.isEmpty() ? null : commands.get(0)));
        }
        for (PastFinding p : FindingsDocument.resolvedFindings(result)) {
          rows.write(new Row(run.runId(), run.auditedAt(), label(p.severity()), p.ruleId(), p.title(), RESOLVED,
              p.subjectName(), p.resourceId(), AzureIds.subscriptionOf(p.resourceId()),
              AzureIds.resourceGroupOf(p.resourceId()), p.firstSeen(), p.fingerprint(), null, null));
        }
      }
    });
  }

  private static String label(Severity severity) {
    return severity == null ? null : severity.label();
  }

  /** The cell as a spreadsheet will show it, never as a formula; null stays an empty cell. */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
      default -> value;
    };
  }
}
