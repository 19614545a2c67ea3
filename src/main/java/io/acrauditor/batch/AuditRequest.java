package io.acrauditor.batch;

import io.acrauditor.collect.SnapshotInput;
import io.acrauditor.findings.Severity;
import io.acrauditor.report.ReportOptions;
import io.acrauditor.rules.RuleCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One audit as the command line asked for it. The rule catalogue is already loaded and
 * self-tested: a bad rule stops the run before any input is read. {@code commandLine} is kept in
 * the job repository so that {@code audit --restart} can rebuild the same request (formats and
 * classification included).
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
    ReportOptions reportOptions) {}
