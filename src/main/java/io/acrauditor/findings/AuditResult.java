package io.acrauditor.findings;

import io.acrauditor.inventory.Coverage;
import io.acrauditor.inventory.index.RegistryAccessPaths;
import java.util.List;

/**
 * Everything one audit produced: the input of every report writer. {@code comparison} is null
 * when the run was made without history. The access matrix is computed as the writers walk it.
 * {@code waivers} are the accepted risks the run was given, judged on its day; null when none.
 */
public record AuditResult(
    RunMetadata run,
    Summary summary,
    List<Finding> findings,
    List<EvaluationError> evaluationErrors,
    Coverage coverage,
    RegistryAccessPaths accessMatrix,
    List<AppliedRule> rules,
    RunComparison comparison,
    Waivers waivers) {

  /** A result without waivers. */
  public AuditResult(
      RunMetadata run, Summary summary, List<Finding> findings, List<EvaluationError> evaluationErrors,
      Coverage coverage, RegistryAccessPaths accessMatrix, List<AppliedRule> rules, RunComparison comparison) {
    this(run, summary, findings, evaluationErrors, coverage, accessMatrix, rules, comparison, null);
  }
}
