package io.acrauditor.report;

import io.acrauditor.findings.AppliedRule;
import io.acrauditor.findings.AuditResult;
import io.acrauditor.findings.EvaluationError;
import io.acrauditor.findings.Finding;
import io.acrauditor.findings.Remediation;
import io.acrauditor.findings.RunMetadata;
import io.acrauditor.findings.Severity;
import io.acrauditor.findings.Summary;
import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.index.AccessPath;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of {@code findings.json}: the {@link AuditResult} plus a format version, with its
 * collections in {@link ReportOrder} and empty collections where the result had none, so that
 * consumers never have to tell "absent" from "empty" for a list. Described by {@code
 * schema/findings.schema.json}; a change of shape that can break a reader bumps {@link
 * #FORMAT_VERSION}.
 */
record FindingsDocument(
    int formatVersion,
    RunMetadata run,
    SummaryCounts summary,
    List<Finding> findings,
    List<EvaluationError> evaluationErrors,
    Coverage coverage,
    List<AccessPath> accessMatrix,
    List<AppliedRule> rules) {

  static final int FORMAT_VERSION = 1;

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
    return new FindingsDocument(
        FORMAT_VERSION,
        result.run(),
        counts,
        ReportOrder.sorted(result.findings(), ReportOrder.FINDING).stream()
            .map(FindingsDocument::complete)
            .toList(),
        ReportOrder.sorted(result.evaluationErrors(), ReportOrder.EVALUATION_ERROR),
        new Coverage(
            ReportOrder.sorted(coverage.subscriptions(), ReportOrder.SUBSCRIPTION),
            coverage.logWindow(),
            ReportOrder.sorted(coverage.workspaces(), ReportOrder.folded()),
            ReportOrder.sorted(coverage.gaps(), ReportOrder.GAP)),
        ReportOrder.sorted(result.accessMatrix(), ReportOrder.ACCESS_PATH),
        ReportOrder.sorted(result.rules(), ReportOrder.RULE).stream()
            .map(FindingsDocument::complete)
            .toList());
  }

  private static Finding complete(Finding f) {
    Remediation remediation = f.remediation();
    if (remediation != null && remediation.commands() == null) {
      remediation = new Remediation(remediation.text(), List.of());
    }
    return new Finding(
        f.ruleId(),
        f.title(),
        f.severity(),
        f.subject(),
        f.message(),
        f.evidence() == null ? Map.of() : f.evidence(),
        remediation,
        f.references() == null ? List.of() : f.references(),
        f.fingerprint());
  }

  private static AppliedRule complete(AppliedRule r) {
    return new AppliedRule(
        r.id(),
        r.title(),
        r.severity(),
        r.subject(),
        r.rationale(),
        r.references() == null ? List.of() : r.references(),
        r.parameters() == null ? Map.of() : r.parameters());
  }
}
