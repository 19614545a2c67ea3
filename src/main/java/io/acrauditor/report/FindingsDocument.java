package io.acrauditor.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.Controls;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.GateDecision;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.RunComparison;
import io.acrauditor.findings.RunComparison.FindingHistory;
import io.acrauditor.findings.RunComparison.PastFinding;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Severity;
import io.acrauditor.findings.Summary;
import io.acrauditor.findings.Waivers;
import io.acrauditor.inventory.Coverage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of {@code findings.json}: the {@link AuditResult} plus a format version, with its
 * collections in {@link ReportOrder} and empty collections where the result had none, so that
 * consumers never have to tell "absent" from "empty" for a list. Described by {@code
 * schema/findings.schema.json}; a change of shape that can break a reader bumps {@link
 * #FORMAT_VERSION}.
 *
 * <p>The access matrix is a view that sorts one registry's paths at a time as it is iterated, so
 * serialising the document straight to a stream never holds a sorted copy of the whole matrix.
 *
 * <p>{@code comparison}, and {@code status} and {@code firstSeen} on each finding, are there
 * exactly when the run was compared with its history: a reader can tell "not compared" from
 * "compared, nothing changed". Adding them did not bump the version: a reader of version 1 that
 * ignores unknown fields reads the rest as before. Version 2 added {@code gate} (the decision
 * behind the exit code; a result made without one is judged at the default {@code --fail-on high})
 * and {@code controls} (checks per rule and per MCSB control).
 */
record FindingsDocument(
    int formatVersion,
    RunMetadata run,
    SummaryCounts summary,
    Gate gate,
    Controls controls,
    Comparison comparison,
    List<ReportedFinding> findings,
    List<EvaluationError> evaluationErrors,
    Coverage coverage,
    AccessMatrix accessMatrix,
    List<AppliedRule> rules) {

  static final int FORMAT_VERSION = 2;

  /** {@link GateDecision} with its verdict in words, as the report's first line says it. */
  record Gate(Severity threshold, boolean onlyNew, int failing, boolean failed, String verdict) {
    static Gate of(GateDecision d) {
      return new Gate(d.threshold(), d.onlyNew(), d.failing(), d.failed(), d.sentence());
    }
  }

  /** {@link RunComparison} with its lists in report order and its counts spelled out. */
  record Comparison(
      String previousRunId,
      String previousRunFinishedAt,
      ChangeCounts counts,
      List<PastFinding> resolved,
      List<PastFinding> notReassessed,
      List<TrendPoint> trend) {}

  /** {@code newlyWaived} and {@code waiverExpired} count current findings, besides new and open. */
  record ChangeCounts(@JsonProperty("new") int newFindings, int open, int resolved, int notReassessed, int newlyWaived,
      int waiverExpired) {}

  record TrendPoint(String runId, String finishedAt, SeverityCounts bySeverity) {
    int total() {
      int total = 0;
      for (Severity s : Severity.values()) {
        total += bySeverity.get(s);
      }
      return total;
    }
  }

  /** {@link Summary} with the severities as fixed, ordered fields rather than a map. */
  record SummaryCounts(
      int findings,
      SeverityCounts bySeverity,
      List<Summary.RuleCount> byRule,
      int subjectsEvaluated,
      int evaluationErrors,
      int coverageGaps) {}

  record SeverityCounts(int critical, int high, int medium, int low, int info) {
    static SeverityCounts of(Map<String, Integer> counts) {
      return new SeverityCounts(
          count(counts, Severity.CRITICAL),
          count(counts, Severity.HIGH),
          count(counts, Severity.MEDIUM),
          count(counts, Severity.LOW),
          count(counts, Severity.INFO));
    }

    int get(Severity severity) {
      return switch (severity) {
        case CRITICAL -> critical;
        case HIGH -> high;
        case MEDIUM -> medium;
        case LOW -> low;
        case INFO -> info;
      };
    }

    private static int count(Map<String, Integer> counts, Severity severity) {
      if (counts == null) {
        return 0;
      }
      // The summary's keys are documented as severities; accept either spelling of them.
      for (String key : List.of(severity.label(), severity.name(), severity.label().toUpperCase(Locale.ROOT))) {
        Integer value = counts.get(key);
        if (value != null) {
          return value;
        }
      }
      return 0;
    }
  }

  static FindingsDocument of(AuditResult result) {
    Summary summary = result.summary();
    SummaryCounts counts =
        summary == null
            ? new SummaryCounts(0, SeverityCounts.of(null), List.of(), 0, 0, 0)
            : new SummaryCounts(
                summary.findings(),
                SeverityCounts.of(summary.bySeverity()),
                ReportOrder.sorted(summary.byRule(), ReportOrder.RULE_COUNT),
                summary.subjectsEvaluated(),
                summary.evaluationErrors(),
                summary.coverageGaps());
    Coverage coverage = result.coverage() == null ? Coverage.empty() : result.coverage();
    RunComparison comparison = result.comparison();
    List<ReportedFinding> findings = reportedFindings(result);
    GateDecision gate = result.gate() != null
        ? result.gate()
        : GateDecision.decide(
            result.findings() == null ? List.of() : result.findings(), comparison, Severity.HIGH, false, result.waivers());
    return new FindingsDocument(
        FORMAT_VERSION,
        result.run(),
        counts,
        Gate.of(gate),
        result.controls() != null ? result.controls() : Controls.of(result.rules() == null ? List.of() : result.rules(), List.of()),
        comparison == null ? null : comparison(comparison, findings),
        findings,
        ReportOrder.sorted(result.evaluationErrors(), ReportOrder.EVALUATION_ERROR),
        new Coverage(
            ReportOrder.sorted(coverage.subscriptions(), ReportOrder.SUBSCRIPTION),
            coverage.logWindow(),
            ReportOrder.sorted(coverage.workspaces(), ReportOrder.folded()),
            ReportOrder.sorted(coverage.gaps(), ReportOrder.GAP)),
        AccessMatrix.of(result.accessMatrix()),
        ReportOrder.sorted(result.rules(), ReportOrder.RULE).stream()
            .map(FindingsDocument::complete)
            .toList());
  }

  /** The findings in report order, each with where it stands against the previous run. */
  static List<ReportedFinding> reportedFindings(AuditResult result) {
    return ReportOrder.sorted(result.findings(), ReportOrder.FINDING).stream()
        .map(f -> complete(f, result.comparison(), result.run(), result.waivers()))
        .toList();
  }

  /** Findings of the previous run that this run no longer raises, in report order. */
  static List<PastFinding> resolvedFindings(AuditResult result) {
    return result.comparison() == null ? List.of() : ReportOrder.sorted(result.comparison().resolved(), ReportOrder.PAST_FINDING);
  }

  private static ReportedFinding complete(Finding f, RunComparison comparison, RunMetadata run, Waivers waivers) {
    Remediation remediation = f.remediation();
    if (remediation != null && remediation.commands() == null) {
      remediation = new Remediation(remediation.text(), List.of());
    }
    FindingHistory history = comparison == null ? null : history(comparison, f, run);
    return new ReportedFinding(
        f.ruleId(),
        f.title(),
        f.severity(),
        f.subject(),
        f.message(),
        f.evidence() == null ? Map.of() : f.evidence(),
        remediation,
        f.references() == null ? List.of() : f.references(),
        f.fingerprint(),
        history == null ? null : history.status(),
        history == null ? null : history.firstSeen(),
        WaiverNote.of(waivers, f));
  }

  /**
   * The comparison is meant to cover every current finding. One it misses was not in the history
   * it was compared with, so it is new, first seen by this run: an unknown finding must not pass
   * as "open" and slip past a gate on new findings.
   */
  private static FindingHistory history(RunComparison comparison, Finding f, RunMetadata run) {
    FindingHistory history = comparison.history(f.fingerprint());
    boolean open = !comparison.isNew(f.fingerprint());
    String firstSeen = history == null ? null : history.firstSeen();
    if (firstSeen == null) {
      // An open finding was raised by the previous run at the latest.
      firstSeen = open ? comparison.previousRunFinishedAt() : run == null ? null : run.startedAt();
    }
    return new FindingHistory(open ? FindingHistory.OPEN : FindingHistory.NEW, firstSeen);
  }

  private static Comparison comparison(RunComparison c, List<ReportedFinding> findings) {
    int newFindings = (int) findings.stream().filter(ReportedFinding::isNew).count();
    List<PastFinding> resolved = ReportOrder.sorted(c.resolved(), ReportOrder.PAST_FINDING);
    List<PastFinding> notReassessed = ReportOrder.sorted(c.notReassessed(), ReportOrder.PAST_FINDING);
    return new Comparison(
        c.previousRunId(),
        c.previousRunFinishedAt(),
        new ChangeCounts(newFindings, findings.size() - newFindings, resolved.size(), notReassessed.size(),
            (int) c.countWaiverChange(FindingHistory.NEWLY_WAIVED), (int) c.countWaiverChange(FindingHistory.WAIVER_EXPIRED)),
        resolved,
        notReassessed,
        ReportOrder.sorted(c.trend(), ReportOrder.TREND_POINT).stream()
            .map(p -> new TrendPoint(p.runId(), p.finishedAt(), SeverityCounts.of(p.bySeverity())))
            .toList());
  }

  /** Without the rule's remediation templates: each finding carries its own, filled in. */
  private static AppliedRule complete(AppliedRule r) {
    return new AppliedRule(
        r.id(),
        r.title(),
        r.severity(),
        r.subject(),
        r.rationale(),
        r.references() == null ? List.of() : r.references(),
        r.parameters() == null ? Map.of() : r.parameters(),
        r.evidenceLabels() == null ? Map.of() : r.evidenceLabels(),
        r.commandNotes() == null ? List.of() : r.commandNotes(),
        null);
  }
}
