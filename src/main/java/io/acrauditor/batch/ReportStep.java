package io.acrauditor.batch;

import io.acrauditor.Version;
import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Baseline;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Controls;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.GateDecision;
import io.acrauditor.findings.RunComparison;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Summaries;
import io.acrauditor.findings.WaivedChecks;
import io.acrauditor.history.RunHistory;
import io.acrauditor.history.ScopeKey;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.Snapshot;
import io.acrauditor.inventory.index.InventoryIndex;
import io.acrauditor.inventory.index.RegistryAccessPaths;
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
 * Step {@code report}: compare with the previous run of the same scope, then record the run in the
 * history and write every format into the run folder within one history transaction, so that a run
 * whose report could not be written is never the baseline of the next one, and a run the history
 * refuses leaves no report.
 *
 * <p>The index is let go before the findings are read back: what the report needs of it (the
 * scope, the coverage, the access matrix) is taken first, the matrix written to the run folder.
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
    Inventory inventory = Inventory.takeFrom(session);
    AuditResult result = assemble(session, inventory, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    // The history takes the run before the reports are moved into place, in one transaction: a
    // failure in either leaves neither a complete-looking report nor a baseline for the next run.
    history.record(result, inventory.scopeKey(), request.input().kind(), request.runFolder().toAbsolutePath().toString(),
        () -> {
          StepPause.pauseIf("report");
          ReportWriters.forFormats(request.reportOptions(), request.templates()).writeAll(result, request.runFolder());
        });
    RunState.clear(request.runFolder());
    session.finished(result);
    return RepeatStatus.FINISHED;
  }

  /** What the report needs of the index: small, apart from the matrix, which waits on disk. */
  private record Inventory(
      String scopeKey, String tenantId, String generatedAt, Coverage coverage, RegistryAccessPaths accessMatrix) {

    static Inventory takeFrom(AuditSession session) {
      InventoryIndex index = session.index();
      Snapshot snapshot = index.snapshot();
      Inventory inventory = new Inventory(
          ScopeKey.of(snapshot),
          snapshot.tenantId(),
          snapshot.generatedAt(),
          snapshot.coverage(),
          AccessMatrixFile.write(RunState.accessMatrix(session.request().runFolder()), index.accessMatrix()));
      session.releaseIndex();
      return inventory;
    }
  }

  private AuditResult assemble(AuditSession session, Inventory inventory, Instant finishedAt) {
    AuditRequest request = session.request();
    String scopeKey = inventory.scopeKey();
    RunState.Evaluation evaluation = session.evaluation();
    // In evaluation order: every report format sorts for itself (report.ReportOrder).
    List<Finding> findings = evaluation.findings();
    List<EvaluationError> errors = evaluation.errors();
    Coverage coverage = inventory.coverage();
    Map<String, Object> parameters = new LinkedHashMap<>(request.parameterOverrides());
    RunMetadata run = new RunMetadata(
        request.runId(),
        Version.current(),
        request.startedAt().toString(),
        finishedAt.toString(),
        inventory.tenantId(),
        request.input().kind(),
        inventory.generatedAt(),
        session.snapshotSha256(),
        request.rules().digest(),
        coverage.logWindow() == null ? null : coverage.logWindow().start(),
        coverage.logWindow() == null ? null : coverage.logWindow().end(),
        parameters);
    RunComparison comparison = compare(request, findings, coverage, scopeKey, finishedAt);
    List<AppliedRule> rules = request.rules().appliedRules();
    // The counts are of open findings: an accepted risk is listed, but counts neither in the gate
    // nor among the open findings (nor in the run history's trend of them).
    List<Finding> open = request.waivers() == null
        ? findings
        : findings.stream().filter(f -> request.waivers().applying(f).isEmpty()).toList();
    return new AuditResult(
        run,
        Summaries.of(open, evaluation.subjects(), errors.size(), coverage.gaps().size()),
        findings,
        errors,
        coverage,
        inventory.accessMatrix(),
        rules,
        comparison,
        GateDecision.decide(findings, comparison, request.failOn(), request.failOnNew(), request.waivers()),
        Controls.of(rules, WaivedChecks.apply(evaluation.checks(), findings, request.waivers())),
        request.waivers());
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
        Baseline.point(request.runId(), finishedAt.toString(), findings),
        request.waivers());
  }
}
