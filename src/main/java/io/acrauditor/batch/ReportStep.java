package io.acrauditor.batch;

import io.acrauditor.Version;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Summaries;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.report.ReportWriters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step {@code report}: assemble the result and write every format into the run folder. */
final class ReportStep implements Tasklet {
  private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
      .thenComparing(Finding::ruleId)
      .thenComparing(f -> f.subject().name() == null ? "" : f.subject().name())
      .thenComparing(Finding::fingerprint);

  private final AuditSessions sessions;

  ReportStep(AuditSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
    AuditSession session = sessions.get(AuditJobConfiguration.runId(context));
    AuditResult result = assemble(session, Instant.now());
    ReportWriters.standard(session.request().templates()).writeAll(result, session.request().runFolder());
    session.finished(result);
    return RepeatStatus.FINISHED;
  }

  static AuditResult assemble(AuditSession session, Instant finishedAt) {
    AuditRequest request = session.request();
    InventoryIndex index = session.index();
    Snapshot snapshot = index.snapshot();
    List<Finding> findings = new ArrayList<>(session.findings());
    findings.sort(ORDER);
    List<EvaluationError> errors = session.errors();
    Coverage coverage = snapshot.coverage();
    Map<String, Object> parameters = new LinkedHashMap<>(request.parameterOverrides());
    RunMetadata run = new RunMetadata(
        request.runId(),
        Version.current(),
        request.startedAt().toString(),
        finishedAt.toString(),
        snapshot.tenantId(),
        request.input().kind(),
        snapshot.generatedAt(),
        session.snapshotSha256(),
        request.rules().digest(),
        coverage.logWindow() == null ? null : coverage.logWindow().start(),
        coverage.logWindow() == null ? null : coverage.logWindow().end(),
        parameters);
    return new AuditResult(
        run,
        Summaries.of(findings, session.subjects(), errors.size(), coverage.gaps().size()),
        findings,
        errors,
        coverage,
        index.accessMatrix(),
        request.rules().appliedRules());
  }
}
