package io.acrauditor.batch;

import io.acrauditor.collect.SnapshotInput;
import io.acrauditor.findings.Severity;
import io.acrauditor.findings.Waivers;
import io.acrauditor.report.ReportFormat;
import io.acrauditor.report.ReportOptions;
import io.acrauditor.rules.RuleCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One audit as the command line asked for it. The rule catalogue is already loaded and
 * self-tested: a bad rule stops the run before any input is read. {@code commandLine} is kept in
 * the job repository so that {@code audit --restart} can rebuild the same request (formats and
 * classification included). {@code failOn} and {@code failOnNew} make the gate the report states
 * and the exit code follows. {@code reportOptions} name the files the report step writes ({@code
 * findings.json} among them); {@code waivers} the accepted risks, already read and checked.
 */
public record AuditRequest(
    String runId,
    Path runFolder,
    SnapshotInput input,
    RuleCatalog rules,
    Optional<Path> templates,
    Severity failOn,
    Map<String, String> parameterOverrides,
    Instant startedAt,
    List<String> commandLine,
    boolean failOnNew,
    ReportOptions reportOptions,
    Waivers waivers) {

  /** The formats the report step writes. */
  public Set<ReportFormat> formats() {
    return reportOptions.formats();
  }
}
