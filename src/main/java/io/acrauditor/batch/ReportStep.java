package io.acrauditor.batch;

import io.acrauditor.Version;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Baseline;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.RunComparison;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Summaries;
import io.acrauditor.history.RunHistory;
import io.acrauditor.history.ScopeKey;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.report.ReportWriters;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step {@code report}: compare with the previous run of the same scope, write every format into
 * the run folder, then record the run in the history. Recording comes last so that a run whose
 * report could not be written is never the baseline of the next one.
 */
final class ReportStep implements Tasklet {
  private final AuditSessions sessions;
  private final RunHistory history;

  ReportStep(AuditSessions sessions, RunHistory history) {
    this.sessions = sessions;
    this.history = history;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
    AuditSession session = sessions.get(AuditJobConfiguration.runId(context));
    AuditRequest request = session.request();
    String scopeKey = ScopeKey.of(session.index().snapshot());
    AuditResult result = assemble(session, Instant.now().truncatedTo(ChronoUnit.MILLIS), scopeKey);
    ReportWriters.standard(request.templates()).writeAll(result, request.runFolder());
    history.record(result, scopeKey, request.input().kind(), request.runFolder().toAbsolutePath().toString());
    RunState.clear(request.runFolder());
    session.finished(result);
    return RepeatStatus.FINISHED;
  }

  private AuditResult assemble(AuditSession session, Instant finishedAt, String scopeKey) {
    AuditRequest request = session.request();
    InventoryIndex index = session.index();
    Snapshot snapshot = index.snapshot();
    RunState.Evaluation evaluation = session.evaluation();
    // In evaluation order: every report format sorts for itself (report.ReportOrder).
    List<Finding> findings = evaluation.findings();
    List<EvaluationError> errors = evaluation.errors();
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
        Summaries.of(findings, evaluation.subjects(), errors.size(), coverage.gaps().size()),
        findings,
        errors,
        coverage,
        index.accessMatrix(),
        request.rules().appliedRules(),
        compare(request, findings, coverage, scopeKey, finishedAt));
  }

  private RunComparison compare(
      AuditRequest request, List<Finding> findings, Coverage coverage, String scopeKey, Instant finishedAt) {
    Optional<RunHistory.PastRun> previous = history.previous(scopeKey, request.runId());
    return Baseline.compare(
        previous.map(RunHistory.PastRun::runId).orElse(null),
        previous.map(p -> p.finishedAt().toString()).orElse(null),
        findings,
        previous.map(p -> history.findings(p.runId())).orElse(List.of()),
        coverage.gaps().stream().map(Coverage.Gap::scope).toList(),
        request.startedAt().toString(),
        history.trend(scopeKey, request.runId(), RunHistory.TREND_RUNS - 1),
        Baseline.point(request.runId(), finishedAt.toString(), findings));
  }
}
